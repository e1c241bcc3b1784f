# ruff: noqa: E501  (long Chinese sample sentences)
"""A realistic plan for export tests and for looking at paper: nested sections, long Chinese
texts, measures, several leaders and units with contacts, progress, awkward values."""

from __future__ import annotations

from datetime import date

from db.models import Progress
from db.records import UnitRef
from desktop.operations.nodes import add_node, set_leaders, set_units, update_node
from desktop.operations.plans import create_plan

SECTIONS = (
    "坚持问题导向，进一步加强和改进监督工作",
    "突出代表地位，进一步凝聚民心民力推动发展",
    "强化创新意识，进一步落实与时俱进的要求",
    "主动深入基层，进一步紧密与代表和群众的联系",
    "严格制度执行，进一步巩固和提升作风建设成效",
)
TASKS = (
    ("突出监督重点", "围绕经济社会发展大局，更多地从调查研究收集的意见建议、人大代表提出的议案建议、"
     "人民群众来信来访集中反映的问题中，精心选择议题，加强对全局重点工作和民生热点难点问题的监督推动，"
     "提升人大监督的社会满意度。"),
    ("全力助推生态文明建设", "围绕“生态立市”战略，加大“加快镇江生态文明建设的议案”的督办力度，"
     "适时审查批准生态文明建设规划，并监督规划实施；跟踪推动东坝和西南片区环境综合整治、“一湖九河”"
     "水环境综合整治、高资化工园区循环化改造和农村环境整治长效化管理等，推动区域环境取得明显改善。"),
    ("切实增强监督实效", "围绕群众关心的热点难点问题，结合审议专项工作报告，常态化组织专题询问。"
     "建立跟踪督办制度，把重点放在持续有力地推动问题解决上。"),
    ("建立联系制度", "一是走访代表制度，每位班子成员每年走访10名以上市人大代表，固定联系3-5名基层市人大"
     "代表，赴基层代表所在企业和单位调研，充分听取代表意见；二是分工联系基层人大制度，每位班子成员分工"
     "联系一个镇市区人大和一个镇级人大，每季度调研指导工作不少于一次；三是常委会组成人员联系代表制度，"
     "每年每届常委会组成人员联系3-5名镇江市人大代表，按照分工每年联系代表的次数不少于2次；四是与机关"
     "干部谈话谈心制度，每年每位班子成员按照分工，分别与机关干部谈话谈心不少于两次。"),
    ("严格会议制度", "党组成员以身作则，严格遵守会议制度。"),
    ("推行“一线工作法”", "对社会关注度高、解决难度大的议题，有重点地选择到基层召开人大常委会、主任会"
     "或组织视察检查，在一线推动问题解决。"),
)  # fmt: skip
PROBLEMS = (
    "监督议题选择不够精准，对群众反映强烈的问题跟踪不够。",
    "调查研究不够深入，有时满足于听汇报、看材料，深入基层、直接听取群众意见不够。",
    "",
)
GOALS = (
    "监督议题更加贴近群众，群众满意度明显提升。",
    "形成常态长效机制，年底前完成制度修订并严格执行到位。",
)
MEASURES = (
    ("制定年度监督计划", "广泛征集代表和群众意见，每年一季度前印发。"),
    ("开展专题询问", "每年至少组织两次专题询问，并进行满意度测评。"),
    ("建立督办台账", "对审议意见落实情况逐项跟踪，按月通报。"),
)
LEADERS = ("朱晓明", "朱开宝", "凌苏", "郭金书", "任振康", "张庆生", "陈苏", "党组成员")
UNITS = (
    ("市人大常委会办公室", "王某某"),
    ("市人大常委会研究室", "李某"),
    ("市人大常委会环资城建委", ""),
    ("市人大常委会财经委", "赵某某"),
    ("市人大常委会各委办室", ""),
)
SUPPORT = ("市政府办公室", "市财政局", "市环保局", "市民政局")
DEADLINES = (
    ("2014年9月底前", date(2014, 9, 30)),
    ("2014年12月底前", date(2014, 12, 31)),
    ("2015年6月底前", date(2015, 6, 30)),
    ("长期坚持", None),
)
STATUSES = ("not_started", "in_progress", "done", "closed", "ongoing")


def build_realistic_plan(
    tasks: int = 30, title: str = "镇江市人大常委会党组党的群众路线教育实践活动整改方案"
) -> int:
    """A plan of `tasks` tasks under nested sections (二、 → （一）…) with everything filled."""
    plan_id, _ = create_plan(title, year=2014, issuer="中共镇江市人大常委会党组")
    top_id, _ = add_node(plan_id, None, None, "section", title="整改内容")
    per_section = max(1, -(-tasks // len(SECTIONS)))
    section_id = None
    for n in range(tasks):
        if n % per_section == 0:
            heading = SECTIONS[(n // per_section) % len(SECTIONS)]
            section_id, _ = add_node(plan_id, top_id, None, "section", title=heading)
        name, text = TASKS[n % len(TASKS)]
        task_id, _ = add_node(plan_id, section_id, None, "task", title=name, text=text)
        deadline, due = DEADLINES[n % len(DEADLINES)]
        status = "ongoing" if due is None else STATUSES[n % 4]
        update_node(
            task_id,
            problem=PROBLEMS[n % len(PROBLEMS)],
            goal=GOALS[n % len(GOALS)],
            deadline_text=deadline,
            due_date=due,
            status=status,
            remarks="=需报市委审定" if n == 3 else ("" if n % 5 else "每季度报送一次进展"),
        )
        for m in range(n % 4):
            measure_title, measure_text = MEASURES[m % len(MEASURES)]
            add_node(plan_id, task_id, None, "measure", title=measure_title, text=measure_text)
        set_leaders(task_id, [LEADERS[n % len(LEADERS)]] + ([LEADERS[1]] if n % 3 == 0 else []))
        leads = [UnitRef(*UNITS[n % len(UNITS)])]
        if n % 4 == 1:
            leads.append(UnitRef(*UNITS[(n + 1) % len(UNITS)]))
        set_units(task_id, "lead", leads)
        set_units(task_id, "support", [UnitRef(SUPPORT[n % len(SUPPORT)])] if n % 2 else [])
        if n % 3 == 1:
            Progress.create(
                node=task_id,
                date=date(2014, 10, 15),
                text="已召开专题会议研究部署，制定工作方案并印发各相关单位，正在逐项推进落实。",
            )
    add_node(plan_id, None, None, "section", title="组织领导")
    return plan_id
