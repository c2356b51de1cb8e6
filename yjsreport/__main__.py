from yjsreport.cli import main

raise SystemExit(main())
