"""Checks of a subject's award history (a person's or a unit's): the title needed before, and the streak of titles.
The person page runs these two alone (``awards.outlook``), on a ``Candidate`` instead of a line."""

from awards.eligibility.base import Check
from awards.eligibility.facts import SETTLED_STATES, subject_key
from awards.enums import LineState, Outcome


def _history(line, facts) -> list[tuple[int, int]]:
    if line.staff_id:
        return facts.awards_person.get(line.staff_id, [])
    return facts.awards_unit.get(line.proposal.unit_id, [])


def _same_cycle(line, facts, title_id: int) -> str | None:
    """The state of another line of the judged year giving the same subject ``title_id``, if any."""
    best = None
    for other in facts.by_subject.get(subject_key(line), []):
        if other.pk == line.pk or other.title_id != title_id:
            continue
        if other.state in SETTLED_STATES:
            return "settled"
        if other.state == LineState.SUBMITTED:
            best = "pending"
    return best


def check_prerequisite(line, facts, rule) -> Check | None:
    needed = facts.titles[rule.prerequisite_title_id]
    years = sorted({y for title_id, y in _history(line, facts) if title_id == needed.pk and y < facts.year})
    if years:
        return Check("prerequisite", Outcome.PASS, f"Đã có “{needed.name}” năm {', '.join(map(str, years))}.")
    return Check("prerequisite", Outcome.FAIL, f"Chưa có “{needed.name}” trước năm {facts.year}.")


def check_streak(line, facts, rule) -> Check | None:
    needed = facts.titles[rule.streak_title_id]
    step = max(rule.streak_step, 1)
    last = facts.year if rule.streak_includes_current_year else facts.year - 1
    if step > 1:
        # Titles that each cover a cycle (a Chiến sĩ thi đua ngành covers three years): consecutive cycles.
        years = sorted(last - step * i for i in range(rule.streak_count))
        window = None
    else:
        window = max(rule.streak_window, rule.streak_count)
        years = list(range(last - window + 1, last + 1))
    history = _history(line, facts)
    held = {y for title_id, y in history if title_id == needed.pk}
    pending = False
    if rule.streak_includes_current_year and facts.year not in held:
        state = _same_cycle(line, facts, needed.pk)
        if state == "settled":
            held.add(facts.year)
        elif state == "pending":
            held.add(facts.year)
            pending = True
    restart = ""
    if rule.streak_after_last_award:
        # A year already rewarded by this title is not counted again: a new chain starts after it.
        rewarded = [y for title_id, y in history if title_id == line.title_id and y < facts.year]
        if rewarded:
            after = max(rewarded)
            years_before = len(years)
            years = [y for y in years if y > after]
            if len(years) < years_before:
                restart = f" (đã được tặng “{line.title.name}” năm {after}; chuỗi mới tính từ năm {after + 1})"
    got = [y for y in years if y in held]
    if step > 1:
        kind = f"liên tục ({step} năm một lần)"
    else:
        kind = "liên tục" if window == rule.streak_count else f"trong {window} năm"
    summary = f"“{needed.name}” các năm {', '.join(map(str, got)) or '(không có)'}"
    single = rule.streak_count == 1 and len(years) == 1
    if single and not got:
        return Check("streak", Outcome.FAIL, f"Cần có “{needed.name}” năm {years[0]}{restart}: chưa có.")
    if len(got) < rule.streak_count:
        missing = [y for y in years if y not in held]
        span = f"{years[0]}–{years[-1]}" if years else "không còn năm nào chưa được tính"
        return Check(
            "streak",
            Outcome.FAIL,
            f"Cần {rule.streak_count} lần “{needed.name}” {kind} ({span}){restart}; có {summary}"
            + (f"; thiếu năm {', '.join(map(str, missing))}." if missing else "."),
        )
    if pending:
        return Check(
            "streak",
            Outcome.REVIEW,
            f"{summary}; danh hiệu năm {facts.year} đang được đề nghị cùng đợt, chưa được chấp nhận.",
        )
    if single:
        return Check("streak", Outcome.PASS, f"Có “{needed.name}” năm {years[0]}.")
    return Check("streak", Outcome.PASS, f"Đủ {rule.streak_count} lần {kind}: {summary}{restart}.")
