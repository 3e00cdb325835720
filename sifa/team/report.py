"""The 队伍建设 paragraph of the work report, in “认真加强队伍建设” (seed 000 (六): “我局组织干警参加市县局政法干部
政治轮训班3期,集中学习42次,组织研讨交流11次,集体活动9次;查摆顽瘴痼疾3个,已经全部整改完毕;共计3名正式干警主动向
组织说明自身存在问题;涉及我局问题线索5条,办结率100%…制定完善规章制度8个”). A clause whose figures are all 0 is left
out by the report (sentences.py)."""

from sifa.reports.registry import Dashboard, Paragraph, Sentence, register, register_dashboard

register(
    Paragraph(
        "team.education", line="队伍建设", chapter="team", order=10, lead="扎实开展队伍教育整顿",
        levels=("county", "city"),
        sentences=[
            Sentence("activities", "{期内}我局组织干警参加政法干部政治轮训班{team.training}期，集中学习"
                                   "{team.study}次，组织研讨交流{team.seminar}次，集体活动{team.collective}次，"
                                   "开展警示教育{team.warning}次。"),
            Sentence("problems", "查摆顽瘴痼疾{team.problems}个，已整改{team.problems_rectified}个。"),
            Sentence("self_reports", "共计{team.self_reports}名正式干警主动向组织说明自身存在问题。"),
            Sentence("clues", "涉及我局问题线索{team.clues}条，办结率{team.clue_close_rate:0}%。"),
            Sentence("rules", "制定完善规章制度{team.rules}个。"),
        ],
    ),
)

register_dashboard(Dashboard(
    line="队伍建设", order=95,
    key=("team.training", "team.study", "team.seminar", "team.collective", "team.problems",
         "team.problem_rectification_rate", "team.self_reports", "team.clues", "team.clue_close_rate", "team.rules"),
    trend=("team.activities", "team.problems"),
))
