"""`sitegen due`: did anything on the page move with the clock alone in the window ending now?

A scheduled run asks this so that it deploys only when the page would change. What moves without a push:
an open incident's duration, a maintenance phase that the clock switches, an entry dated in the future
whose time came, and a new day in the site's time zone (uptime bars and the recent-days list).

The windows tile time: each ends at the last multiple of the window (counted from the Unix epoch) at or
before now, the cron tick the run was scheduled for. A run that starts minutes late looks at the same
window as one on time, so every event is in exactly one run's window and is deployed once.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sitegen.model import Site
from sitegen.status import maintenance_phase, open_incidents, published, written_times


def window_ending(now: datetime, window: timedelta) -> tuple[datetime, datetime]:
    """The tile (start, end] of length `window` that ends at or just before `now`."""
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    end = epoch + window * ((now - epoch) // window)
    return end - window, end


def due_reason(site: Site, now: datetime, window: timedelta) -> str | None:
    """Why the page moved in the window ending at or just before `now`, or None when nothing moved."""
    since, now = window_ending(now, window)
    visible = published(site, now)
    opened = open_incidents(visible)
    if opened:
        return f"incident {opened[0].slug} is open, so its duration moves"
    for path, _, at in written_times(site):
        if since < at <= now:
            return f"{path} has an entry at {at:%Y-%m-%dT%H:%M:%SZ} that appears on the page now"
    for maintenance in visible.maintenances:
        before, after = maintenance_phase(maintenance, since), maintenance_phase(maintenance, now)
        if before is not after:
            return f"maintenance {maintenance.slug} went from {before.value} to {after.value}"
    zone = site.config.timezone
    if since.astimezone(zone).date() != now.astimezone(zone).date():
        return f"a new day began in {zone.key} ({now.astimezone(zone):%Y-%m-%d}): the uptime bars move"
    return None

