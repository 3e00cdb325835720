from tests.corrections.builders import resident_id


def family(**extra) -> dict:
    """The fields of one booking."""
    return {"applicant_name": "王秀兰", "applicant_mobile": "13955556666", "applicant_id_number": resident_id(),
            "relation": "parent", "prisoner_name": "王小明", "prison": "安徽省宿州监狱", "visitors": 3, **extra}
