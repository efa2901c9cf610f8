#!/usr/bin/env python3
"""The comparison baseline for `raci generate`: what a platform team would write with csv + XlsxWriter.

It does the same work as raci on the same roster, in plain Python:

- reads the roster CSV (name, role, team, email, allocation, reports_to columns; `;`/`|` multi-team
  cells; `PO/PM`-style multi-role cells mapped through the same role aliases);
- groups people by team and applies the same template (templates/product-lifecycle.toml, read with
  tomllib) with the same chain rules: the first role of the accountable chain held by someone gets
  the A, R/C/I to the holders of listed roles, a fallback owner also takes the R of missing roles
  listed as responsible, and letters are normalised (A or R drop C and I, C drops I);
- writes one sheet per team (title, header and role rows, phase/activity/description/sources
  columns, bordered letter cells, the A/A-R/R/C/I dropdown, four "begins with" colour rules, frozen
  panes, print set-up, legend and sources) and a Findings sheet with an autofilter;
- finds the ownership findings raci reports (missing-backlog-owner, no-accountable,
  multiple-accountable, no-responsible, fallback-owner with escalation) plus idle-member and
  too-many-consulted. raci runs more checks than this script (unknown-role with did-you-mean,
  role-missing, hand-off gaps, overload, PO spread, reports_to cycles), so the comparison favours
  Python.

usage: raci_py.py ROSTER.csv OUT.xlsx [--template templates/product-lifecycle.toml]
"""

import argparse
import csv
import re
import sys
import tomllib
from pathlib import Path

import xlsxwriter

ALIASES = {
    "product-owner": ["po", "product owner", "owner", "ppo", "tpo", "technical product owner",
                      "proxy product owner", "product owners", "business product owner", "digital product owner"],
    "product-manager": ["pm", "product manager", "product management", "product lead", "group product manager",
                        "gpm", "product managers", "technical product manager", "tpm",
                        "head of product management", "director of product management", "product mgr",
                        "produktmanager", "produktmanagerin"],
    "project-manager": ["project manager", "pjm", "prjm", "programme manager", "program manager",
                        "delivery manager", "pmo", "project lead", "project mgr"],
    "scrum-master": ["sm", "scrum master", "scrummaster", "agile coach", "team coach", "scrum",
                     "iteration manager"],
    "tech-lead": ["tech lead", "tl", "technical lead", "lead engineer", "lead developer", "engineering lead",
                  "architect", "software architect", "staff engineer", "principal engineer", "lead dev",
                  "engineering manager", "em", "techlead"],
    "engineer": ["engineer", "developer", "dev", "devs", "developers", "engineers", "software engineer",
                 "software developer", "swe", "programmer", "backend", "frontend", "backend engineer",
                 "frontend engineer", "backend developer", "frontend developer", "full stack", "fullstack",
                 "full stack developer", "full stack engineer", "fullstack developer", "fullstack engineer",
                 "mobile developer", "mobile engineer", "ios developer", "android developer", "data engineer",
                 "devops", "devops engineer", "sre", "site reliability engineer", "platform engineer",
                 "web developer", "coder", "ml engineer", "machine learning engineer", "entwickler",
                 "entwicklerin", "softwareentwickler", "softwareentwicklerin"],
    "designer": ["designer", "ux", "ui", "ux ui", "ui ux", "ux designer", "ui designer", "ux ui designer",
                 "ui ux designer", "product designer", "interaction designer", "visual designer", "design",
                 "ux researcher", "user researcher", "service designer"],
    "qa": ["qa", "tester", "test engineer", "quality assurance", "qa engineer", "sdet", "qa analyst",
           "test analyst", "quality engineer", "test automation engineer", "testing"],
    "marketing": ["marketing", "marketer", "product marketing", "product marketing manager", "pmm",
                  "marketing manager", "growth marketer", "content marketer"],
    "sales": ["sales", "account executive", "ae", "account manager", "sales lead", "sales manager",
              "sales engineer"],
    "support": ["support", "customer support", "customer success", "csm", "customer success manager",
                "customer service", "support engineer", "helpdesk"],
    "stakeholder": ["stakeholder", "stakeholders", "sponsor", "executive", "exec", "business owner",
                    "executive sponsor", "cpo", "cto", "ceo", "coo", "vp product", "vp engineering",
                    "head of product", "director", "founder", "investor", "finance"],
}
SHORT = {"product-owner": "PO", "product-manager": "PM", "project-manager": "PjM", "scrum-master": "SM",
         "tech-lead": "TL", "engineer": "Eng", "designer": "UX", "qa": "QA", "marketing": "Mkt",
         "sales": "Sales", "support": "Sup", "stakeholder": "Stk"}
ALIAS = {alias: role for role, aliases in ALIASES.items() for alias in aliases}
SENIORITY = {"senior", "sr", "junior", "jr", "principal", "associate", "mid", "intern", "trainee", "lead"}

LETTERS = "ARCI"
COLOURS = {"A": (0xF8CBAD, 0x833C0B), "R": (0xC6EFCE, 0x006100), "C": (0xFFEB9C, 0x7F6000),
           "I": (0xDDEBF7, 0x1F4E78)}
LEGEND = [("A", "Accountable: answers for the outcome; exactly one per activity"),
          ("R", "Responsible: does the work"), ("A/R", "Accountable and does the work"),
          ("C", "Consulted: asked before (two-way)"), ("I", "Informed: told after (one-way)")]
CELL_VALUES = ["A", "A/R", "R", "C", "I"]
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
CODE_ORDER = ["missing-backlog-owner", "no-accountable", "multiple-accountable", "no-responsible",
              "reports-to-cycle", "combined-role", "fallback-owner", "po-spread", "overloaded-person",
              "handoff-gap", "too-many-consulted", "unknown-role", "role-missing", "idle-member"]

HINTS = {
    "missing-backlog-owner": "name a Product Owner for the team (role `PO`); if a PM owns the backlog, write `PO/PM`",
    "no-accountable": "add a member holding a role of the chain, or change the template's accountable chain",
    "multiple-accountable": "keep one accountable person: give the others another role, or split the team",
    "no-responsible": "add a member with a responsible role for these activities, or list one the team has",
    "fallback-owner": "name a person for the missing role, or accept the fallback for a small team",
    "too-many-consulted": "inform some of them after instead of consulting them before (C -> I)",
    "idle-member": "check their role spelling, add their work to the template, or remove them from the team",
}

_PAREN = re.compile(r"\([^)]*\)")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPLIT = re.compile(r"[/+&;,|]| and ", re.IGNORECASE)


def normalise(text):
    return _NON_ALNUM.sub(" ", _PAREN.sub("", text.lower())).strip()


def lookup(norm):
    if not norm:
        return None
    if norm in ALIAS:
        return ALIAS[norm]
    words = norm.split(" ")
    kept = [w for w in words if w not in SENIORITY]
    if kept and len(kept) != len(words):
        return ALIAS.get(" ".join(kept))
    return None


def parse_roles(cell):
    """[(role id, raw text)] in order of first mention, duplicates dropped."""
    out = []
    whole = lookup(normalise(cell))
    parts = [(whole, cell.strip())] if whole else []
    if not parts:
        for part in _SPLIT.split(cell):
            norm = normalise(part)
            if norm:
                parts.append((lookup(norm) or norm.replace(" ", "-"), part.strip()))
    for role, raw in parts:
        if all(role != r for r, _ in out):
            out.append((role, raw))
    return out


def read_roster(path):
    people, teams, team_index, person_index = [], [], {}, {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = [h.strip().lower().replace(" ", "_") for h in next(reader)]
        col = {name: header.index(name) for name in header}
        for row in reader:
            if not any(row):
                continue
            get = lambda name: row[col[name]].strip() if name in col and col[name] < len(row) else ""
            name, email = get("name"), get("email")
            key = email.lower() if email else " ".join(name.lower().split())
            person = person_index.get(key)
            if person is None:
                person = person_index[key] = len(people)
                people.append(name)
            roles = parse_roles(get("role"))
            for team_name in re.split(r"[;|]", get("team")):
                team_name = team_name.strip()
                if not team_name:
                    continue
                tkey = " ".join(team_name.lower().split())
                t = team_index.get(tkey)
                if t is None:
                    t = team_index[tkey] = len(teams)
                    teams.append({"name": team_name, "members": []})
                teams[t]["members"].append((person, roles))
    return people, teams


def load_template(path):
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    phases = raw["phases"]
    acts = sorted(raw["activity"], key=lambda a: phases.index(a["phase"]))
    rules = {"combined_role_max_team_size": 6, "max_accountable_share": 0.75, "max_teams_per_person": 3,
             "po_max_teams": 2, "max_consulted": 5, "fallback_escalate_teams": 3, **raw.get("rules", {})}
    for a in acts:
        for key in ("responsible", "consulted", "informed", "sources"):
            a.setdefault(key, [])
        a.setdefault("backlog", False)
        a.setdefault("description", "")
    return {"name": raw["name"], "version": raw.get("version", "0.0.0"), "phases": phases,
            "sources": raw.get("sources", {}), "rules": rules, "activities": acts}


def assign(team, template):
    """Per activity: (letters per member as sets, chain position of the A or None)."""
    holders = {}
    for m, (_, roles) in enumerate(team["members"]):
        for role, _ in roles:
            holders.setdefault(role, []).append(m)
    width = len(team["members"])
    rows = []
    for act in template["activities"]:
        cells = [set() for _ in range(width)]
        chain = act["accountable"]
        pos = next((i for i, role in enumerate(chain) if holders.get(role)), None)
        if pos is not None:
            for m in holders[chain[pos]]:
                cells[m].add("A")
        for letter, key in (("R", "responsible"), ("C", "consulted"), ("I", "informed")):
            for role in act[key]:
                for m in holders.get(role, ()):
                    cells[m].add(letter)
        if pos is not None and any(role in act["responsible"] for role in chain[:pos]):
            for m in holders[chain[pos]]:
                cells[m].add("R")
        for cell in cells:
            if "A" in cell or "R" in cell:
                cell.discard("C")
                cell.discard("I")
            elif "C" in cell:
                cell.discard("I")
        rows.append((["/".join(l for l in LETTERS if l in cell) for cell in cells], pos))
    return rows


def quoted(items):
    items = [f"'{i}'" for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def findings_for(t, team, rows, template, people, missing_counts, fallbacks):
    out = []
    acts = template["activities"]
    names = [people[p] for p, _ in team["members"]]
    backlog, no_a, no_r, shared, fell_back, works = [], [], [], {}, {}, [False] * len(names)
    for a, (cells, pos) in enumerate(rows):
        owners = tuple(m for m, c in enumerate(cells) if "A" in c.split("/"))
        for m, c in enumerate(cells):
            if "A" in c or "R" in c:
                works[m] = True
        if pos is None:
            (backlog if acts[a]["backlog"] else no_a).append(a)
            continue
        if len(owners) > 1:
            shared.setdefault(owners, []).append(a)
        if not any("R" in c.split("/") for c in cells):
            no_r.append(a)
        if pos > 0:
            fell_back.setdefault((pos, owners), []).append(a)
        consulted = sum(1 for c in cells if c == "C")
        if consulted > template["rules"]["max_consulted"]:
            out.append((t, "warning", "too-many-consulted", a,
                        f"team '{team['name']}': more than {template['rules']['max_consulted']} people "
                        f"consulted on {acts[a]['id']} ({consulted})", [acts[a]["id"]], []))
    ids = lambda lst: [acts[a]["id"] for a in lst]
    if backlog:
        out.append((t, "error", "missing-backlog-owner", backlog[0],
                    f"team '{team['name']}': nobody is accountable for the backlog ({', '.join(ids(backlog))})",
                    ids(backlog), []))
    if no_a:
        out.append((t, "error", "no-accountable", no_a[0],
                    f"team '{team['name']}': {len(no_a)} activities without an accountable person", ids(no_a), []))
    for owners, lst in shared.items():
        who = [names[m] for m in owners]
        out.append((t, "error", "multiple-accountable", lst[0],
                    f"team '{team['name']}': {quoted(who)} are accountable for {', '.join(ids(lst))}",
                    ids(lst), who))
    if no_r:
        out.append((t, "error", "no-responsible", no_r[0],
                    f"team '{team['name']}': nobody is responsible for {', '.join(ids(no_r))}", ids(no_r), []))
    missing_here = set()
    for (pos, owners), lst in fell_back.items():
        missing = acts[lst[0]]["accountable"][0]
        missing_here.add(missing)
        who = [names[m] for m in owners]
        fallbacks.append([t, "warning", "fallback-owner", lst[0],
                          f"team '{team['name']}': nobody holds {missing}, so {quoted(who)} is accountable for "
                          f"{len(lst)} activities in its place: {', '.join(ids(lst))}", ids(lst), who, missing])
    for role in missing_here:
        missing_counts[role] = missing_counts.get(role, 0) + 1
    idle = [names[m] for m, w in enumerate(works) if not w]
    if idle:
        out.append((t, "info", "idle-member", 0,
                    f"team '{team['name']}': {len(idle)} members are neither responsible nor accountable for "
                    f"any activity: {quoted(idle)}", [], idle))
    return out


def sheet_names(teams):
    taken, out = {"findings", "history"}, []
    for team in teams:
        base = re.sub(r"[\[\]:*?/\\]", "_", team["name"]).strip().strip("'").strip() or "Team"
        n = 1
        while True:
            suffix = "" if n == 1 else f" ({n})"
            candidate = base[: 31 - len(suffix)].rstrip().rstrip("'") + suffix
            if candidate.lower() not in taken:
                taken.add(candidate.lower())
                out.append(candidate)
                break
            n += 1
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roster")
    parser.add_argument("output")
    parser.add_argument("--template", default=str(Path(__file__).resolve().parent.parent
                                                  / "templates/product-lifecycle.toml"))
    args = parser.parse_args()

    template = load_template(args.template)
    people, teams = read_roster(args.roster)
    acts = template["activities"]

    wb = xlsxwriter.Workbook(args.output)
    wb.set_properties({"title": "RACI matrix", "comments": "Generated by raci_py from a team roster"})
    border = {"border": 1, "border_color": "#BFBFBF"}
    f_title = wb.add_format({"bold": True, "font_size": 14})
    f_header = wb.add_format({**border, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True,
                              "align": "center", "valign": "vcenter"})
    f_role = wb.add_format({**border, "italic": True, "font_color": "#595959", "bg_color": "#F2F2F2",
                            "align": "center"})
    f_phase = wb.add_format({**border, "bold": True, "font_color": "#404040", "bg_color": "#F2F2F2"})
    f_activity = wb.add_format(border)
    f_cell = wb.add_format({**border, "align": "center"})
    f_text = wb.add_format({"text_wrap": True, "valign": "top"})
    f_letter = {l: wb.add_format({"bg_color": f"#{bg:06X}", "font_color": f"#{fg:06X}", "bold": True})
                for l, (bg, fg) in COLOURS.items()}
    f_severity = {"info": wb.add_format({"font_color": "#1F4E78"}),
                  "warning": wb.add_format({"font_color": "#9C5700", "bold": True}),
                  "error": wb.add_format({"font_color": "#9C0006", "bold": True})}

    findings, fallbacks, missing_counts = [], [], {}
    for t, (team, name) in enumerate(zip(teams, sheet_names(teams))):
        members = team["members"]
        width = len(members)
        rows = assign(team, template)
        findings += findings_for(t, team, rows, template, people, missing_counts, fallbacks)

        ws = wb.add_worksheet(name)
        last_col, desc_col = 1 + width, 2 + width
        ws.set_column(0, 0, 12)
        ws.set_column(1, 1, 30)
        if width:
            ws.set_column(2, last_col, 14)
        ws.set_column(desc_col, desc_col, 70)
        ws.set_column(desc_col + 1, desc_col + 1, 12)
        ws.write_string(0, 0, f"RACI: {team['name']}", f_title)
        ws.write_string(1, 0, f"template {template['name']} {template['version']} · {width} people · "
                              "edit a cell with the dropdown: A, A/R, R, C or I")
        ws.write_string(2, 0, "Phase", f_header)
        ws.write_string(2, 1, "Activity", f_header)
        for m, (person, _) in enumerate(members):
            ws.write_string(2, 2 + m, people[person], f_header)
        ws.write_string(2, desc_col, "Description", f_header)
        ws.write_string(2, desc_col + 1, "Sources", f_header)
        ws.write_blank(3, 0, "", f_role)
        ws.write_string(3, 1, "role", f_role)
        for m, (_, roles) in enumerate(members):
            ws.write_string(3, 2 + m, "/".join(SHORT.get(r, r) for r, _ in roles), f_role)
        r = 4
        for act, (cells, _) in zip(acts, rows):
            ws.write_string(r, 0, act["phase"], f_phase)
            ws.write_string(r, 1, act["name"], f_activity)
            for m, letters in enumerate(cells):
                if letters:
                    ws.write_string(r, 2 + m, letters, f_cell)
                else:
                    ws.write_blank(r, 2 + m, None, f_cell)
            ws.write_string(r, desc_col, act["description"], f_text)
            ws.write_string(r, desc_col + 1, ", ".join(act["sources"]))
            r += 1
        last_row = r - 1
        if width and acts:
            ws.data_validation(4, 2, last_row, last_col, {
                "validate": "list", "source": CELL_VALUES, "error_type": "stop",
                "error_title": "Not a RACI letter", "error_message": "Use A, A/R, R, C or I, or leave the cell empty."})
            for letter in LETTERS:
                ws.conditional_format(4, 2, last_row, last_col, {
                    "type": "text", "criteria": "begins with", "value": letter, "format": f_letter[letter]})
        ws.freeze_panes(4, 2)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(2, 3)
        ws.repeat_columns(0, 1)
        r = last_row + 2
        ws.write_string(r, 1, "Legend", f_header)
        for text, meaning in LEGEND:
            r += 1
            ws.write_string(r, 1, text, f_letter[text[0]])
            ws.write_string(r, 2, meaning)
        r += 2
        ws.write_string(r, 1, "Sources")
        for sid, citation in sorted(template["sources"].items()):
            r += 1
            ws.write_string(r, 1, sid)
            ws.write_string(r, 2, citation)

    escalate = max(template["rules"]["fallback_escalate_teams"], 1)
    for f in fallbacks:
        count = missing_counts.get(f[7], 0)
        if count >= escalate:
            f[1] = "error"
            f[4] += f" ({count} teams have no {f[7]})"
        findings.append(tuple(f[:7]))
    findings.sort(key=lambda f: (f[0], SEVERITY_RANK[f[1]], CODE_ORDER.index(f[2]), f[3], f[6]))

    ws = wb.add_worksheet("Findings")
    headers = ["Severity", "Code", "Team", "Activities", "People", "Message", "Hint"]
    for c, (h, w) in enumerate(zip(headers, [10, 22, 18, 28, 24, 80, 60])):
        ws.set_column(c, c, w)
        ws.write_string(0, c, h, f_header)
    for i, (t, severity, code, _, message, activities, who) in enumerate(findings, start=1):
        ws.write_string(i, 0, severity, f_severity[severity])
        ws.write_string(i, 1, code)
        ws.write_string(i, 2, teams[t]["name"])
        ws.write_string(i, 3, ", ".join(activities))
        ws.write_string(i, 4, ", ".join(who))
        ws.write_string(i, 5, message, f_text)
        ws.write_string(i, 6, HINTS[code], f_text)
    ws.autofilter(0, 0, max(len(findings), 1), len(headers) - 1)
    ws.freeze_panes(1, 0)
    wb.close()
    errors = sum(1 for f in findings if f[1] == "error")
    print(f"wrote {args.output}: {len(teams)} teams, {len(people)} people: {errors} errors, "
          f"{len(findings)} findings", file=sys.stderr)


if __name__ == "__main__":
    main()
