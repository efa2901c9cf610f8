#!/usr/bin/env python3
"""Write a synthetic raci template with N activities (for scripts/bench.sh template).

  gen_template.py N OUT.toml

Activities spread over the six default phases, each citing a source, depending on the one before
it in its phase (a long DAG), with a four-role accountable chain and R, C and I lists, about as many
bytes per activity as the bundled templates. Same N, same bytes. Standard library only.
"""

import sys

PHASES = ["discovery", "strategy", "planning", "delivery", "launch", "growth"]
CHAINS = [
    ("product-manager", "product-owner"),
    ("product-owner", "product-manager"),
    ("tech-lead", "product-owner"),
    ("scrum-master", "tech-lead", "product-owner"),
]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_template.py N OUT.toml")
    n, out = int(sys.argv[1]), sys.argv[2]
    lines = [
        f'name = "synthetic-{n}"',
        'version = "1.0.0"',
        f'description = "{n} generated activities"',
        "",
        "[sources]",
        '"000" = "G2: Product Owner vs Product Manager"',
        '"001" = "Product Gym: Product Manager vs Product Owner"',
        "",
    ]
    last_in_phase = {}
    for i in range(n):
        phase = PHASES[i % len(PHASES)]
        chain = CHAINS[i % len(CHAINS)]
        depends = [last_in_phase[phase]] if phase in last_in_phase else []
        act = f"activity-{i:06d}"
        lines += [
            "[[activity]]",
            f'id = "{act}"',
            f'name = "Activity {i}"',
            f'phase = "{phase}"',
            f'description = "Generated activity number {i} in the {phase} phase, for timing template loading"',
            f'sources = ["{"000" if i % 2 else "001"}"]',
            "depends_on = [" + ", ".join(f'"{d}"' for d in depends) + "]",
            f"backlog = {'true' if i % 7 == 0 else 'false'}",
            "accountable = [" + ", ".join(f'"{r}"' for r in chain) + "]",
            'responsible = ["engineer"]',
            'consulted = ["designer", "qa"]',
            'informed = ["stakeholder"]',
            "",
        ]
        last_in_phase[phase] = act
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
