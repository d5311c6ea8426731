namespace GeneMask.Build
{
    /// <summary>An ELF file that cannot be read or patched, with the reason.</summary>
    public sealed class ElfFormatException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ElfFormatException()
        {
        }

        /// <summary>Creates the exception with a message.</summary>
        public ElfFormatException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with a message and a cause.</summary>
        public ElfFormatException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
