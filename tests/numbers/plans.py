"""A plan whose page starts in the middle: 三、 （二） 4. 5. （三） 6. with measures （1）（2）."""

from __future__ import annotations

from desktop.importing import parse_text
from desktop.operations.import_plans import import_plans

MIDDLE_OF_A_PLAN = """某某单位整改方案
三、强化作风建设
（二）严肃工作纪律
4.严格执行请销假制度
牵头领导：张三
牵头单位：办公室
完成时限：2024年12月底前
5.整治会风文风
牵头领导：李四
牵头单位：组织部、办公室
完成时限：长期坚持
（三）加强监督检查
6.开展专项检查
牵头领导：张三
牵头单位：纪检组
完成时限：2024年10月底前
（1）制定检查方案
（2）开展检查
"""

# Tasks numbered again from 1 under each heading: not straight through.
RESTARTING = """另一单位整改方案
一、第一部分
1.第一项任务
牵头单位：办公室
2.第二项任务
牵头单位：办公室
二、第二部分
1.第三项任务
牵头单位：组织部
"""


def import_text(text: str) -> int:
    """Import `text` as it is saved from the import preview; the new plan's id."""
    [plan], _change = import_plans(parse_text(text))
    return plan.id
