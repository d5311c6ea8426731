// Supplies what a GCC 13 built library expects from libstdc++'s GLIBCXX_3.4.32 on systems whose
// libstdc++ is older (Debian 12, Ubuntu 22.04). Compiled on the target machine by the GeneMask build step.
//
// GCC 13's <iostream> no longer gives every translation unit a static std::ios_base::Init; instead it
// references std::ios_base_library_init() so that libstdc++ 13 initialises the standard streams itself.
// An older libstdc++ does not do that, so this library constructs the Init object when it is loaded
// (before the library that depends on it runs its own constructors) and defines the referenced symbol.
#include <ios>

namespace
{
    // Keeps std::cout, std::cerr, ... usable for as long as this library is loaded.
    const std::ios_base::Init genemask_ios_base_init;
}

namespace std
{
    // Exported under version GLIBCXX_3.4.32 by the version script passed to the linker.
    __attribute__((visibility("default"))) void ios_base_library_init()
    {
        static const ios_base::Init init;
    }
}
