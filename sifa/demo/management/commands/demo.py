"""`sifa demo`: build the demo county (砀山县) with one account per role, run the business lines' demo builders,
print the logins and serve the site with waitress. Safe to run again: nothing is duplicated and the printed
passwords stay the same (they are kept in var/demo_logins.txt)."""

import logging
import unicodedata

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sifa.api.warmup import warm
from sifa.demo import county, registry

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_table(header: tuple, rows: list[tuple]) -> str:
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        lines.append("  ".join(str(cell) + " " * (w - _width(str(cell))) for cell, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


class Command(BaseCommand):
    help = "生成砀山县演示数据与各角色演示账号，并启动演示网站。"

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="只生成演示数据，不启动网站")
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--port", type=int, default=8000, help="监听端口（默认 8000）")

    def handle(self, *args, no_serve=False, host="127.0.0.1", port=8000, **options):
        if not 1 <= port <= 65535:
            raise CommandError(f"端口“{port}”不正确，应为1至65535之间的整数。")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            if connection.in_atomic_block:
                raise CommandError("数据库结构不是最新的：请先运行 sifa migrate。")
            self.stdout.write("正在初始化数据库（migrate）……")
            call_command("migrate", interactive=False, verbosity=0)

        ctx = county.build_county(log=self.stdout.write)
        registry.autodiscover()
        names = [b.name for b in registry.builders()]
        self.stdout.write("首次生成各业务的演示记录约需几分钟（经各业务的办理流程逐件写入）；再次运行只补齐缺少的记录。")
        notify_log = logging.getLogger("sifa.notify")
        level = notify_log.level
        notify_log.setLevel(logging.WARNING)  # the demo's notifications would print one line per SMS
        try:
            failures = registry.run_all(ctx)
        finally:
            notify_log.setLevel(level)
        done = [n for n in names if n not in {name for name, _ in failures}]
        if done:
            self.stdout.write(f"业务演示数据：{'、'.join(done)}。")
        for name, exc in failures:
            self.stderr.write(f"演示数据“{name}”生成失败，已跳过：{exc}")

        url_host = f"[{host}]" if ":" in host else host
        url = f"http://{url_host}:{port}/"
        self.stdout.write("")
        self.stdout.write(format_table(("角色", "账号", "密码", "姓名", "所属机构"), county.logins_table()))
        self.stdout.write(f"（账号密码保存在 {county.LOGINS_FILE_NAME}；演示账号不强制首次修改密码，勿用于生产。）")
        if no_serve:
            self.stdout.write(f"演示数据已生成。启动网站：sifa demo --host {host} --port {port}")
            return
        if host not in LOOPBACK and host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            self.stdout.write("提示：从其他电脑访问时，请将访问所用的地址加入环境变量 SIFA_ALLOWED_HOSTS。")
        self.serve(host, port, url)

    def serve(self, host: str, port: int, url: str) -> None:
        from django.core.wsgi import get_wsgi_application

        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing STATIC_ROOT
        settings.SIFA_SMS_CONSOLE = True  # the demo's texts (portal sign-in codes) appear on this console only
        settings.SIFA_MFA_OPTIONAL_USERS = [a.username for a in county.ACCOUNTS]  # printed logins work as printed
        try:
            server = make_server(get_wsgi_application(), host, port)
        except OSError as exc:
            raise CommandError(f"无法在 {host}:{port} 上启动网站（{exc.strerror or exc}）：端口可能已被占用，"
                               f"请用 --port 换一个端口。")
        _start_session_sweeper()
        warm()
        self.stdout.write(f"Sifa 演示已启动：{url}")
        self.stdout.write("演示短信（如公众服务的登录验证码）只显示在本控制台，服务器日志中的验证码已隐去。")
        self.stdout.write("按 Ctrl+C 停止。")
        self.stdout.flush()
        try:
            server.run()
        except KeyboardInterrupt:
            self.stdout.write("演示网站已停止。")
        finally:
            server.close()


SESSION_SWEEP_SECONDS = 600


def _start_session_sweeper() -> None:
    """Expired sessions are removed by `clearsessions` every 10 minutes in a background thread, never inside a
    request (a production site schedules `sifa clearsessions` instead)."""
    import threading

    from django.core.management import call_command
    from django.db import DatabaseError, connection

    def sweep():
        stop = threading.Event()
        while not stop.wait(SESSION_SWEEP_SECONDS):
            try:
                call_command("clearsessions")
            except DatabaseError:
                pass  # busy now: the next round removes them
            finally:
                connection.close()

    threading.Thread(target=sweep, name="session-sweeper", daemon=True).start()


def make_server(app, host: str, port: int):
    """The demo's waitress server: 8 threads, and ident="" so that no `Server:` header names the stack."""
    from waitress import create_server

    return create_server(app, host=host, port=port, threads=8, ident="")
