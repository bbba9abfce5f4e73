"""For export clients in Python that `fauxport check` runs: the contract's way to fail.

    from fauxport.check_client import run

    def main():
        ...  # export $FAUXPORT_PROJECT_ID, write $FAUXPORT_ROWS_OUT and $FAUXPORT_ERRORS_OUT

    if __name__ == "__main__":
        run(main)

Standard library only, so a client that is not installed with the wheel can load it by path.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from typing import Callable, NoReturn


def run(main: Callable[[], object]) -> NoReturn:
    """Runs `main()` and exits 0 when it returns. When it raises, prints the traceback to stderr,
    writes `{"type": <exception class name>, "message": <text>}` to `$FAUXPORT_EXCEPTION_OUT`
    (when set) and exits 1: the failure `fauxport check` reads."""
    try:
        main()
    except Exception as err:
        traceback.print_exc()
        out = os.environ.get("FAUXPORT_EXCEPTION_OUT")
        if out:
            with open(out, "w", encoding="utf-8") as fh:
                json.dump({"type": type(err).__name__, "message": str(err)}, fh, ensure_ascii=False)
        sys.exit(1)
    sys.exit(0)
