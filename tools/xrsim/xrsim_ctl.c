/* xrsim-ctl: sends commands to a running xrsim over its control socket and
 * prints each reply, for shell scripts and authors at a terminal.
 *
 *   xrsim-ctl SOCKET COMMAND...      e.g. xrsim-ctl /tmp/ctl "wait 100" lose
 *
 * Each argument is one command line. It waits up to 30 s for the socket to
 * appear and for each reply. Exit status: 0 every reply was "ok", 1 some
 * reply was "error", 2 no connection or no reply. */
#include "xrsim_control.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: xrsim-ctl SOCKET COMMAND...   (see tools/xrsim/README.md)\n");
        return 2;
    }
    int fd = xrsim_connect(argv[1], 30000);
    if (fd < 0) {
        fprintf(stderr, "xrsim-ctl: cannot connect to %s (is XRSIM_CONTROL set to it and the application running?)\n",
                argv[1]);
        return 2;
    }
    int status = 0;
    for (int i = 2; i < argc; i++) {
        char reply[512];
        int r = xrsim_command(fd, reply, sizeof reply, 30000, "%s", argv[i]);
        if (r < 0) {
            fprintf(stderr, "xrsim-ctl: no reply to '%s'\n", argv[i]);
            status = 2;
            break;
        }
        printf("%s -> %s\n", argv[i], reply);
        if (r == 1) status = 1;
    }
    xrsim_disconnect(fd);
    return status;
}
