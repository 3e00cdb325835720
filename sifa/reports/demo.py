"""The demo county's targets for the rule-of-law cockpit: the default targets (cockpit.DEFAULT_TARGETS) set by the
bureau's leader for the seed year 2021 and for the current year, through the same action as the targets page.
Idempotent: a target already set is left as it is."""

from sifa.demo.registry import DemoContext, register

from . import actions


def build(ctx: DemoContext):
    leader = ctx.users["leader"]
    total = 0
    for year in sorted({2021, ctx.today.year}):
        done, _skipped = actions.load_default_targets(leader, org=ctx.bureau, year=year)
        total += len(done)
    ctx.log(f"  法治驾驶舱目标：新设定{total}项。")


register("法治驾驶舱目标", build, order=200)
