"""Peak RSS of the kiosk after visiting every page: prints ru_maxrss (KiB) on stdout."""

from __future__ import annotations

import resource
import sys

from bench.harness import PaintWatch, settle, sign_in_staff, start, wait_painted


def main() -> int:
    app, window = start()
    from kiosk.data.models import JobCategory

    watch = PaintWatch()
    sign_in_staff(window)
    window.job_bank.list.choose(JobCategory.KITCHEN)
    for name, page in list(window.pages.items()):
        if name.startswith("staff_") and window.staff_user is None:
            sign_in_staff(window)
        watch.arm(page)
        window.open(name)
        wait_painted(app, watch)
    settle(app)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    window.allow_close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
