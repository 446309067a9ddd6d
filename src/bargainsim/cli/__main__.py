import sys

from bargainsim.cli import main

sys.exit(main())
