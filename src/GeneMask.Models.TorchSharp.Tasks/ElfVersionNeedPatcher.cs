using System.Globalization;
using System.Text;

namespace GeneMask.Build
{
    /// <summary>
    /// Reads and patches the dynamic section and symbol versioning of a 64-bit little-endian ELF shared library.
    /// The patch marks a needed symbol version as weak (<c>VER_FLG_WEAK</c>), so the loader accepts a libstdc++
    /// that lacks it, and adds a <c>DT_NEEDED</c> entry for a compatibility library found through
    /// <c>DT_RUNPATH=$ORIGIN</c>. The name's bytes come from the <c>DT_RUNPATH</c> string (build-machine paths),
    /// which is rewritten to <c>$ORIGIN</c>; the entry goes into a spare <c>DT_NULL</c> slot of the dynamic
    /// section, or replaces <c>DT_SYMBOLIC</c> when <c>DT_FLAGS</c> already carries <c>DF_SYMBOLIC</c>.
    /// The file keeps its size and layout.
    /// </summary>
    internal static class ElfVersionNeedPatcher
    {
        internal const ushort VerFlagWeak = 0x2;
        internal const string Origin = "$ORIGIN";

        private const long DtNull = 0;
        private const long DtNeeded = 1;
        private const long DtHash = 4;
        private const long DtStrTab = 5;
        private const long DtSymTab = 6;
        private const long DtStrSz = 10;
        private const long DtSoName = 14;
        private const long DtRPath = 15;
        private const long DtSymbolic = 16;
        private const long DtRunPath = 29;
        private const long DtFlags = 30;
        private const long DtGnuHash = 0x6ffffef5;
        private const long DtVerDef = 0x6ffffffc;
        private const long DtVerDefNum = 0x6ffffffd;
        private const long DtVerNeed = 0x6ffffffe;
        private const long DtVerNeedNum = 0x6fffffff;
        private const long DtAuxiliary = 0x7ffffffd;
        private const long DtFilter = 0x7fffffff;
        private const long DfSymbolic = 0x2;
        private const uint PtLoad = 1;
        private const uint PtDynamic = 2;

        /// <summary>What <see cref="Inspect"/> found.</summary>
        internal readonly struct Inspection
        {
            public Inspection(bool needsVersion, bool isWeak, bool needsShim)
            {
                NeedsVersion = needsVersion;
                IsWeak = isWeak;
                NeedsShim = needsShim;
            }

            /// <summary>A version-needed entry names the version.</summary>
            public bool NeedsVersion { get; }

            /// <summary>That entry is flagged weak.</summary>
            public bool IsWeak { get; }

            /// <summary>A DT_NEEDED entry names the compatibility library.</summary>
            public bool NeedsShim { get; }

            /// <summary>Both parts of the patch are present.</summary>
            public bool AlreadyPatched => NeedsVersion && IsWeak && NeedsShim;
        }

        /// <summary>Reports whether <paramref name="image"/> needs <paramref name="version"/> and whether it is patched.</summary>
        public static Inspection Inspect(byte[] image, string version, string shimFileName)
        {
            var elf = new ElfImage(image);
            int vernaux = FindVersionNeed(elf, version);
            bool needsShim = false;
            foreach (DynamicEntry entry in elf.Dynamic)
            {
                if (entry.Tag == DtNeeded && elf.DynamicString(entry.Value) == shimFileName)
                {
                    needsShim = true;
                }
            }

            return new Inspection(vernaux >= 0, vernaux >= 0 && (elf.U16(vernaux + 4) & VerFlagWeak) != 0, needsShim);
        }

        /// <summary>True when the ELF file defines the symbol version (e.g. libstdc++.so.6 defining GLIBCXX_3.4.32).</summary>
        public static bool DefinesVersion(byte[] image, string version)
        {
            var elf = new ElfImage(image);
            long verdef = elf.DynamicValue(DtVerDef);
            long count = elf.DynamicValue(DtVerDefNum);
            if (verdef < 0)
            {
                return false;
            }

            int offset = elf.VirtualToFileOffset(verdef);
            for (long i = 0; i < count; i++)
            {
                // Elf64_Verdef: vd_version u16, vd_flags u16, vd_ndx u16, vd_cnt u16, vd_hash u32, vd_aux u32, vd_next u32.
                int aux = offset + (int)elf.U32(offset + 12);
                if (elf.DynamicString(elf.U32(aux)) == version)
                {
                    return true;
                }

                uint next = elf.U32(offset + 16);
                if (next == 0)
                {
                    break;
                }

                offset += (int)next;
            }

            return false;
        }

        /// <summary>True for a 64-bit little-endian ELF of the same machine type as this process (x86-64 or AArch64).</summary>
        public static bool IsSameMachine(byte[] image)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F'
                || image[4] != 2 || image[5] != 1)
            {
                return false;
            }

            ushort machine = (ushort)(image[18] | (image[19] << 8));
            bool arm = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64;
            return machine == (arm ? 183 : 62);
        }

        /// <summary>
        /// Patches <paramref name="image"/> in place. Returns false when it was already patched.
        /// Throws <see cref="ElfFormatException"/> when the file does not need the version or has no room for the patch.
        /// </summary>
        public static bool Patch(byte[] image, string version, string shimFileName)
        {
            var elf = new ElfImage(image);
            Inspection inspection = Inspect(image, version, shimFileName);
            if (!inspection.NeedsVersion)
            {
                throw new ElfFormatException($"the library does not need symbol version {version}.");
            }

            if (inspection.AlreadyPatched)
            {
                return false;
            }

            int vernaux = FindVersionNeed(elf, version);
            if (!inspection.NeedsShim)
            {
                AddNeeded(elf, shimFileName);
            }

            elf.WriteU16(vernaux + 4, (ushort)(elf.U16(vernaux + 4) | VerFlagWeak));
            return true;
        }

        /// <summary>File offset of the Elf64_Vernaux naming <paramref name="version"/>, or -1.</summary>
        private static int FindVersionNeed(ElfImage elf, string version)
        {
            long verneed = elf.DynamicValue(DtVerNeed);
            long count = elf.DynamicValue(DtVerNeedNum);
            if (verneed < 0)
            {
                return -1;
            }

            int offset = elf.VirtualToFileOffset(verneed);
            for (long i = 0; i < count; i++)
            {
                // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
                ushort auxCount = elf.U16(offset + 2);
                int aux = offset + (int)elf.U32(offset + 8);
                for (int j = 0; j < auxCount; j++)
                {
                    // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
                    if (elf.DynamicString(elf.U32(aux + 8)) == version)
                    {
                        return aux;
                    }

                    uint nextAux = elf.U32(aux + 12);
                    if (nextAux == 0)
                    {
                        break;
                    }

                    aux += (int)nextAux;
                }

                uint next = elf.U32(offset + 12);
                if (next == 0)
                {
                    break;
                }

                offset += (int)next;
            }

            return -1;
        }

        private static void AddNeeded(ElfImage elf, string shimFileName)
        {
            List<DynamicEntry> dynamic = elf.Dynamic;
            int pathIndex = dynamic.FindIndex(e => e.Tag == DtRunPath);
            if (pathIndex < 0)
            {
                pathIndex = dynamic.FindIndex(e => e.Tag == DtRPath);
            }

            if (pathIndex < 0)
            {
                throw new ElfFormatException("the library has no DT_RUNPATH or DT_RPATH string to make room for the compatibility library's name.");
            }

            long pathOffset = dynamic[pathIndex].Value;
            string oldPath = elf.DynamicString(pathOffset);
            byte[] name = Encoding.ASCII.GetBytes(shimFileName);
            int needed = Origin.Length + 1 + name.Length + 1;
            if (oldPath.Length + 1 < needed)
            {
                throw new ElfFormatException(string.Format(CultureInfo.InvariantCulture,
                    "its run path string '{0}' has {1} bytes, fewer than the {2} needed for '{3}' and '{4}'.",
                    oldPath, oldPath.Length + 1, needed, Origin, shimFileName));
            }

            // The bytes after "$ORIGIN\0" are reused: no other string reference may point into them (linkers merge string tails).
            long reuseStart = pathOffset + Origin.Length + 1;
            long reuseEnd = pathOffset + oldPath.Length + 1;
            foreach (long reference in elf.StringReferences())
            {
                if (reference >= reuseStart && reference < reuseEnd)
                {
                    throw new ElfFormatException(string.Format(CultureInfo.InvariantCulture,
                        "another dynamic string (at .dynstr offset {0}) shares the bytes of the run path string '{1}'.", reference, oldPath));
                }
            }

            int slot = FindDynamicSlot(dynamic);
            if (slot < 0)
            {
                throw new ElfFormatException("the dynamic section has no spare DT_NULL slot and no redundant DT_SYMBOLIC entry for a new DT_NEEDED.");
            }

            // Rewrite the string: "$ORIGIN\0<shim>\0" followed by zeros up to the old terminator.
            int stringStart = elf.DynamicStringFileOffset(pathOffset);
            for (int i = 0; i < oldPath.Length + 1; i++)
            {
                elf.Image[stringStart + i] = 0;
            }

            Encoding.ASCII.GetBytes(Origin, 0, Origin.Length, elf.Image, stringStart);
            Buffer.BlockCopy(name, 0, elf.Image, stringStart + Origin.Length + 1, name.Length);

            elf.WriteDynamic(slot, DtNeeded, reuseStart);
        }

        /// <summary>Index of a DT_NULL slot that may be used (one DT_NULL must remain after it), else a redundant DT_SYMBOLIC, else -1.</summary>
        private static int FindDynamicSlot(List<DynamicEntry> dynamic)
        {
            int firstNull = dynamic.FindIndex(e => e.Tag == DtNull);
            if (firstNull >= 0 && firstNull + 1 < dynamic.Count && dynamic[firstNull + 1].Tag == DtNull)
            {
                return firstNull;
            }

            int symbolic = dynamic.FindIndex(e => e.Tag == DtSymbolic);
            int flags = dynamic.FindIndex(e => e.Tag == DtFlags);
            if (symbolic >= 0 && symbolic < firstNull && flags >= 0 && flags < firstNull && (dynamic[flags].Value & DfSymbolic) != 0)
            {
                return symbolic;
            }

            return -1;
        }

        internal readonly struct DynamicEntry
        {
            public DynamicEntry(long tag, long value)
            {
                Tag = tag;
                Value = value;
            }

            public long Tag { get; }

            public long Value { get; }
        }

        /// <summary>Bounds-checked view of an ELF64 little-endian image.</summary>
        private sealed class ElfImage
        {
            private readonly List<(long VirtualAddress, long FileOffset, long FileSize)> _loads = new List<(long, long, long)>();
            private readonly int _dynamicOffset;
            private readonly int _stringTable;
            private readonly long _stringTableSize;

            public ElfImage(byte[] image)
            {
                Image = image;
                if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                {
                    throw new ElfFormatException("not an ELF file.");
                }

                if (image[4] != 2 || image[5] != 1)
                {
                    throw new ElfFormatException("not a 64-bit little-endian ELF file.");
                }

                long programHeaders = I64(32);
                ushort entrySize = U16(54);
                ushort count = U16(56);
                long dynamicOffset = -1;
                long dynamicSize = 0;
                for (int i = 0; i < count; i++)
                {
                    int header = Checked(programHeaders + (long)i * entrySize, 56);
                    uint type = U32(header);
                    if (type == PtLoad)
                    {
                        _loads.Add((I64(header + 16), I64(header + 8), I64(header + 32)));
                    }
                    else if (type == PtDynamic)
                    {
                        dynamicOffset = I64(header + 8);
                        dynamicSize = I64(header + 32);
                    }
                }

                if (dynamicOffset < 0)
                {
                    throw new ElfFormatException("the file has no dynamic segment (PT_DYNAMIC).");
                }

                _dynamicOffset = Checked(dynamicOffset, dynamicSize);
                for (int i = 0; i < dynamicSize / 16; i++)
                {
                    Dynamic.Add(new DynamicEntry(I64(_dynamicOffset + (i * 16)), I64(_dynamicOffset + (i * 16) + 8)));
                }

                long stringTable = DynamicValue(DtStrTab);
                _stringTableSize = DynamicValue(DtStrSz);
                if (stringTable < 0 || _stringTableSize < 0)
                {
                    throw new ElfFormatException("the dynamic section has no DT_STRTAB or DT_STRSZ.");
                }

                _stringTable = VirtualToFileOffset(stringTable);
                Checked(_stringTable, _stringTableSize);
            }

            public byte[] Image { get; }

            /// <summary>Every slot of the dynamic section, including the DT_NULL terminator and padding.</summary>
            public List<DynamicEntry> Dynamic { get; } = new List<DynamicEntry>();

            /// <summary>Value of the first entry with the tag before DT_NULL, or -1.</summary>
            public long DynamicValue(long tag)
            {
                foreach (DynamicEntry entry in Dynamic)
                {
                    if (entry.Tag == DtNull)
                    {
                        break;
                    }

                    if (entry.Tag == tag)
                    {
                        return entry.Value;
                    }
                }

                return -1;
            }

            public void WriteDynamic(int index, long tag, long value)
            {
                WriteI64(_dynamicOffset + (index * 16), tag);
                WriteI64(_dynamicOffset + (index * 16) + 8, value);
                Dynamic[index] = new DynamicEntry(tag, value);
            }

            public int VirtualToFileOffset(long address)
            {
                foreach ((long virtualAddress, long fileOffset, long fileSize) in _loads)
                {
                    if (address >= virtualAddress && address < virtualAddress + fileSize)
                    {
                        return Checked(address - virtualAddress + fileOffset, 1);
                    }
                }

                throw new ElfFormatException(string.Format(CultureInfo.InvariantCulture, "address 0x{0:x} lies in no loadable segment.", address));
            }

            public int DynamicStringFileOffset(long offset)
            {
                if (offset < 0 || offset >= _stringTableSize)
                {
                    throw new ElfFormatException(string.Format(CultureInfo.InvariantCulture, "string offset {0} lies outside .dynstr.", offset));
                }

                return _stringTable + (int)offset;
            }

            public string DynamicString(long offset)
            {
                int start = DynamicStringFileOffset(offset);
                int end = start;
                int limit = _stringTable + (int)_stringTableSize;
                while (end < limit && Image[end] != 0)
                {
                    end++;
                }

                if (end == limit)
                {
                    throw new ElfFormatException(string.Format(CultureInfo.InvariantCulture, "string at .dynstr offset {0} is not terminated.", offset));
                }

                return Encoding.ASCII.GetString(Image, start, end - start);
            }

            /// <summary>Every .dynstr offset referenced by the dynamic section, the version sections and the dynamic symbols.</summary>
            public IEnumerable<long> StringReferences()
            {
                foreach (DynamicEntry entry in Dynamic)
                {
                    if (entry.Tag == DtNull)
                    {
                        break;
                    }

                    if (entry.Tag == DtNeeded || entry.Tag == DtSoName || entry.Tag == DtRPath || entry.Tag == DtRunPath
                        || entry.Tag == DtAuxiliary || entry.Tag == DtFilter)
                    {
                        yield return entry.Value;
                    }
                }

                long verneed = DynamicValue(DtVerNeed);
                if (verneed >= 0)
                {
                    int offset = VirtualToFileOffset(verneed);
                    for (long i = 0; i < DynamicValue(DtVerNeedNum); i++)
                    {
                        yield return U32(offset + 4);
                        int aux = offset + (int)U32(offset + 8);
                        for (int j = 0; j < U16(offset + 2); j++)
                        {
                            yield return U32(aux + 8);
                            aux += (int)U32(aux + 12);
                        }

                        offset += (int)U32(offset + 12);
                    }
                }

                long verdef = DynamicValue(DtVerDef);
                if (verdef >= 0)
                {
                    int offset = VirtualToFileOffset(verdef);
                    for (long i = 0; i < DynamicValue(DtVerDefNum); i++)
                    {
                        int aux = offset + (int)U32(offset + 12);
                        for (int j = 0; j < U16(offset + 6); j++)
                        {
                            yield return U32(aux);
                            aux += (int)U32(aux + 4);
                        }

                        offset += (int)U32(offset + 16);
                    }
                }

                long symbols = DynamicValue(DtSymTab);
                if (symbols >= 0)
                {
                    int symbolTable = VirtualToFileOffset(symbols);
                    long symbolCount = DynamicSymbolCount();
                    for (long i = 0; i < symbolCount; i++)
                    {
                        yield return U32(Checked(symbolTable + (i * 24), 24));
                    }
                }
            }

            /// <summary>Number of dynamic symbols, from DT_HASH's chain count or by walking DT_GNU_HASH.</summary>
            private long DynamicSymbolCount()
            {
                long hash = DynamicValue(DtHash);
                if (hash >= 0)
                {
                    return U32(VirtualToFileOffset(hash) + 4);
                }

                long gnuHash = DynamicValue(DtGnuHash);
                if (gnuHash < 0)
                {
                    throw new ElfFormatException("the file has neither DT_HASH nor DT_GNU_HASH to count its dynamic symbols.");
                }

                // GNU hash: nbuckets, symoffset, bloom_size, bloom_shift, bloom[bloom_size] (u64), buckets[nbuckets], chains[].
                int table = VirtualToFileOffset(gnuHash);
                uint buckets = U32(table);
                uint symbolOffset = U32(table + 4);
                uint bloomSize = U32(table + 8);
                int bucketStart = table + 16 + (int)(bloomSize * 8);
                uint last = 0;
                for (int i = 0; i < buckets; i++)
                {
                    last = Math.Max(last, U32(bucketStart + (i * 4)));
                }

                if (last < symbolOffset)
                {
                    return symbolOffset;
                }

                int chains = bucketStart + (int)(buckets * 4);
                while ((U32(chains + (int)((last - symbolOffset) * 4)) & 1) == 0)
                {
                    last++;
                }

                return last + 1;
            }

            public ushort U16(long offset)
            {
                int at = Checked(offset, 2);
                return (ushort)(Image[at] | (Image[at + 1] << 8));
            }

            public uint U32(long offset)
            {
                int at = Checked(offset, 4);
                return (uint)(Image[at] | (Image[at + 1] << 8) | (Image[at + 2] << 16) | (Image[at + 3] << 24));
            }

            public long I64(long offset)
            {
                int at = Checked(offset, 8);
                return (long)(U32(at) | ((ulong)U32(at + 4) << 32));
            }

            public void WriteU16(long offset, ushort value)
            {
                int at = Checked(offset, 2);
                Image[at] = (byte)value;
                Image[at + 1] = (byte)(value >> 8);
            }

            private void WriteI64(long offset, long value)
            {
                int at = Checked(offset, 8);
                for (int i = 0; i < 8; i++)
                {
                    Image[at + i] = (byte)(value >> (8 * i));
                }
            }

            private int Checked(long offset, long length)
            {
                if (offset < 0 || length < 0 || offset + length > Image.Length)
                {
                    throw new ElfFormatException(string.Format(CultureInfo.InvariantCulture,
                        "truncated or corrupt: {0} bytes at offset {1} lie outside the {2}-byte file.", length, offset, Image.Length));
                }

                return (int)offset;
            }
        }
    }
}
