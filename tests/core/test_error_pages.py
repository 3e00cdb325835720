def test_unknown_page_answers_in_chinese(logged_in):
    response = logged_in.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_csrf_failure_answers_in_chinese(db, office_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(office_user)
    response = client.post("/accounts/password/", {"old_password": "x"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
