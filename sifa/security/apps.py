from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "sifa.security"
    label = "security"
    verbose_name = "安全保密"

    def ready(self):
        from sifa.core.navigation import NavEntry, register

        register(NavEntry(section="安全审计", label="审计日志查询", url_name="security:audit_search",
                          capability="read_audit", order=900))
        from sifa.core import daily

        daily.register("审计日志校验", verify_audit_chain, order=10)


def verify_audit_chain(day) -> str:
    """The daily check of the audit trail (as `sifa verify_audit_chain`): a broken chain fails the day's run."""
    from sifa.core.daily import JobFailed

    from . import chain

    report = chain.verify_database()
    if not report.ok:
        raise JobFailed(f"审计日志哈希链校验失败：{len(report.broken)}条记录被修改、删除或插入，首个问题编号"
                        f"{report.broken[0]}。")
    return f"已校验审计记录{report.checked}条，哈希链完整。"
