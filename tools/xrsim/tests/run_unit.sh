#!/bin/sh
# Runs xrsim's unit tests on a virtual X server when xvfb-run is there (the
# swapchain and dump cases need GLX); without it those cases skip.
if command -v xvfb-run >/dev/null 2>&1; then
    exec xvfb-run -a -s "-screen 0 640x480x24" "$@"
fi
exec "$@"
