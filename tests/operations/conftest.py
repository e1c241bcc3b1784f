import pytest


@pytest.fixture
def database(any_database):
    return any_database
