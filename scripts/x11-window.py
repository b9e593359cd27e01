#!/usr/bin/python3
"""Close or inspect a top-level X11 window by title, as a window manager would.

  x11-window.py close TITLE   send WM_DELETE_WINDOW (what the window's close button does)
  x11-window.py state TITLE   print "viewable" or "hidden"
Used by the desktop test under Xvfb, where no window manager runs.
"""
import sys
from Xlib import X, display, protocol


def find(d, title):
    def walk(w):
        name = w.get_wm_name()
        if name == title:
            return w
        for c in w.query_tree().children:
            found = walk(c)
            if found:
                return found
        return None
    return walk(d.screen().root)


def main():
    action, title = sys.argv[1], sys.argv[2]
    d = display.Display()
    w = find(d, title)
    if w is None:
        print("missing")
        return 1
    if action == "state":
        print("viewable" if w.get_attributes().map_state == X.IsViewable else "hidden")
        return 0
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    ev = protocol.event.ClientMessage(window=w, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
    w.send_event(ev, event_mask=X.NoEventMask)
    d.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
