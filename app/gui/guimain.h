#pragma once

namespace flowdeck {

/// The window: translations, the example flows, the main window. Only in builds with
/// FLOWDECK_GUI=ON; main() calls it when no command is given.
int guiMain(int argc, char *argv[]);

} // namespace flowdeck
