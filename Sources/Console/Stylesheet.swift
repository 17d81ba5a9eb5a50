/// The console's only stylesheet, served from `/static/console.css` (the CSP forbids inline
/// styles). Light and dark follow the system setting; sizes suit a laptop and a control-room
/// screen.
enum Stylesheet {
    static let css = """
        :root { --bg: #f7f8fa; --fg: #1b1f24; --muted: #5b6570; --line: #d6dae0; --card: #ffffff; --accent: #0b5cad;
          --critical: #a4001d; --high: #d9480f; --medium: #b08900; --low: #2f7d32; --info: #5b6570; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #111418; --fg: #e6e9ee; --muted: #9aa4ae; --line: #2c333b; --card: #1a1f25; --accent: #6cb1ff;
            --critical: #ff5c7a; --high: #ff8a4c; --medium: #e6c34d; --low: #6fcf75; --info: #9aa4ae; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, sans-serif; background: var(--bg); color: var(--fg); }
        header { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.2rem; border-bottom: 1px solid var(--line); background: var(--card); }
        .brand { font-weight: 700; letter-spacing: .04em; }
        nav { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; flex: 1; }
        nav a { color: var(--fg); text-decoration: none; padding: .2rem 0; }
        nav a[aria-current=page] { border-bottom: 2px solid var(--accent); }
        .signout { margin-left: auto; display: flex; gap: .6rem; align-items: center; color: var(--muted); }
        main { padding: 1rem 1.2rem; max-width: 1500px; }
        a { color: var(--accent); }
        h1 { font-size: 1.5rem; margin: .4rem 0 1rem; }
        h2 { font-size: 1.15rem; margin: 1.4rem 0 .5rem; }
        table { border-collapse: collapse; width: 100%; background: var(--card); }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { color: var(--muted); font-weight: 600; }
        .cards { display: flex; gap: 1rem; flex-wrap: wrap; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1.2rem; min-width: 11rem; text-decoration: none; color: var(--fg); }
        .card .value { display: block; font-size: 1.8rem; font-weight: 700; }
        .card .label { color: var(--muted); }
        .filters { display: flex; gap: .8rem; flex-wrap: wrap; align-items: end; margin-bottom: .8rem; }
        label { display: flex; flex-direction: column; gap: .2rem; color: var(--muted); }
        input, select, button { font: inherit; padding: .3rem .5rem; border: 1px solid var(--line); border-radius: 4px; background: var(--card); color: var(--fg); }
        button { cursor: pointer; background: var(--accent); color: #fff; border-color: var(--accent); }
        .login { max-width: 22rem; margin: 4rem auto; display: block; }
        .login form { display: flex; flex-direction: column; gap: .8rem; }
        .error { color: var(--critical); }
        .notice { color: var(--low); }
        .empty { color: var(--muted); font-style: italic; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
        .facts dt { color: var(--muted); }
        .facts dd { margin: 0; }
        pre { background: var(--card); border: 1px solid var(--line); padding: .6rem; overflow-x: auto; font-size: 13px; }
        .triage { display: flex; flex-direction: column; gap: .6rem; }
        .triage form { display: flex; gap: .5rem; align-items: end; flex-wrap: wrap; }
        form.inline { display: flex; gap: .4rem; align-items: center; flex-wrap: wrap; }
        label.check { flex-direction: row; align-items: center; gap: .3rem; }
        code { font-size: 13px; }
        .paging { display: flex; gap: 1rem; margin: .8rem 0; }
        .sev-critical, .level-critical { color: var(--critical); fill: var(--critical); font-weight: 600; }
        .sev-high, .level-high { color: var(--high); fill: var(--high); font-weight: 600; }
        .sev-medium, .level-medium { color: var(--medium); fill: var(--medium); }
        .sev-low, .level-low { color: var(--low); fill: var(--low); }
        .sev-info { color: var(--info); fill: var(--info); }
        .chart { width: 100%; max-width: 900px; height: auto; background: var(--card); border: 1px solid var(--line); }
        .chart text { fill: var(--muted); font-size: 11px; }
        .legend span { margin-right: .8rem; }
        .map { width: 100%; height: auto; min-height: 420px; background: var(--card); border: 1px solid var(--line); cursor: grab; }
        .map .band { fill: none; stroke: var(--line); }
        .map .band-title { fill: var(--muted); font-size: 13px; font-weight: 600; }
        .map .zone { fill: none; stroke: var(--line); stroke-dasharray: 4 3; }
        .map .zone-title { fill: var(--muted); font-size: 10px; }
        .map .node circle { fill: var(--card); stroke: var(--accent); stroke-width: 2; }
        .map .role-plc circle, .map .role-rtu circle { stroke: var(--critical); }
        .map .role-hmi circle, .map .role-engineering_workstation circle { stroke: var(--high); }
        .map .role-group circle { stroke: var(--muted); stroke-width: 4; }
        .map .node text { fill: var(--fg); font-size: 10px; }
        .map .edge { fill: none; stroke-width: 1.6; opacity: .8; }
        .op-firmware, .op-program { stroke: var(--critical); color: var(--critical); }
        .op-control { stroke: var(--high); color: var(--high); }
        .op-write { stroke: var(--medium); color: var(--medium); }
        .op-diagnostic, .op-discovery { stroke: var(--accent); color: var(--accent); }
        .op-read, .op-other { stroke: var(--muted); color: var(--muted); }
        @media (min-width: 2200px) { body { font-size: 18px; } main { max-width: none; } }
        """
}
