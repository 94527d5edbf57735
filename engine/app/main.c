/* main.c — paja's entry point; everything else starts in app_main. */
#include "app.h"

int main(int argc, char **argv)
{
    return app_main(argc, argv);
}
