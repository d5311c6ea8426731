using System.Globalization;

namespace GeneMask.Build
{
    /// <summary>Names and compiler command of the libstdc++ compatibility library.</summary>
    internal static class GlibcxxShim
    {
        /// <summary>The libstdc++ symbol version that GCC 13 built libraries need for std::ios_base_library_init().</summary>
        public const string RequiredVersion = "GLIBCXX_3.4.32";

        /// <summary>File name (and soname) of the compatibility library.</summary>
        public const string FileName = "libGeneMaskGlibcxxShim.so";

        /// <summary>Arguments for g++ (or a compatible compiler) that build the shim.</summary>
        public static string CompilerArguments(string source, string versionScript, string output)
        {
            return string.Format(CultureInfo.InvariantCulture,
                "-shared -fPIC -O2 -o \"{0}\" \"{1}\" -Wl,--version-script=\"{2}\" -Wl,-soname,{3}",
                output, source, versionScript, FileName);
        }
    }
}
