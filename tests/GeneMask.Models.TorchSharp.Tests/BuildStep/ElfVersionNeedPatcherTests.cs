using GeneMask.Build;
using static GeneMask.Models.TorchSharp.Tests.BuildStep.NativeFixture;

namespace GeneMask.Models.TorchSharp.Tests.BuildStep;

/// <summary>The ELF patch on the real libLibTorchSharp.so, checked against readelf.</summary>
[Platform("Linux")]
public class ElfVersionNeedPatcherTests
{
    private string _directory = "";

    [SetUp]
    public void SetUp() => _directory = TemporaryDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void The_shipped_library_needs_the_version_strictly_and_is_not_patched()
    {
        ReadElfVersionNeeds(ShippedLibTorchSharp)[RequiredVersion].Should().Be("none");

        var inspection = ElfVersionNeedPatcher.Inspect(File.ReadAllBytes(ShippedLibTorchSharp), RequiredVersion, ShimFileName);

        inspection.NeedsVersion.Should().BeTrue();
        inspection.IsWeak.Should().BeFalse();
        inspection.NeedsShim.Should().BeFalse();
        inspection.AlreadyPatched.Should().BeFalse();
    }

    [Test]
    public void Patch_makes_the_version_weak_adds_the_shim_and_sets_the_run_path_to_origin()
    {
        byte[] original = File.ReadAllBytes(ShippedLibTorchSharp);
        byte[] image = (byte[])original.Clone();

        ElfVersionNeedPatcher.Patch(image, RequiredVersion, ShimFileName).Should().BeTrue();
        string patched = Path.Combine(_directory, "libLibTorchSharp.so");
        File.WriteAllBytes(patched, image);

        var before = ReadElfDynamic(ShippedLibTorchSharp);
        var after = ReadElfDynamic(patched);
        after.Where(e => e.Type == "NEEDED").Select(e => e.Value).Should().Equal(
            before.Where(e => e.Type == "NEEDED").Select(e => e.Value).Append($"Shared library: [{ShimFileName}]"));
        after.Single(e => e.Type == "RUNPATH").Value.Should().Be("Library runpath: [$ORIGIN]");
        after.Where(e => e.Type is not "NEEDED" and not "RUNPATH").Should().Equal(before.Where(e => e.Type is not "NEEDED" and not "RUNPATH"));

        var needsBefore = ReadElfVersionNeeds(ShippedLibTorchSharp);
        var needsAfter = ReadElfVersionNeeds(patched);
        needsAfter[RequiredVersion].Should().Be("WEAK");
        needsAfter.Where(n => n.Key != RequiredVersion).Should().BeEquivalentTo(needsBefore.Where(n => n.Key != RequiredVersion));
    }

    [Test]
    public void Patch_changes_only_bytes_of_dynstr_dynamic_and_version_needs()
    {
        byte[] original = File.ReadAllBytes(ShippedLibTorchSharp);
        byte[] image = (byte[])original.Clone();
        ElfVersionNeedPatcher.Patch(image, RequiredVersion, ShimFileName);

        var allowed = new[] { ".dynstr", ".dynamic", ".gnu.version_r" }.Select(name => ReadElfSection(ShippedLibTorchSharp, name)).ToArray();
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != image[i]).ToList();

        image.Length.Should().Be(original.Length);
        changed.Should().NotBeEmpty();
        changed.Should().OnlyContain(i => allowed.Any(s => i >= s.Offset && i < s.Offset + s.Size));
        changed.Count(i => i >= allowed[2].Offset && i < allowed[2].Offset + allowed[2].Size).Should().Be(1, "only the low byte of vna_flags gains VER_FLG_WEAK (0x2)");
    }

    [Test]
    public void Patching_a_patched_library_changes_nothing()
    {
        byte[] image = File.ReadAllBytes(ShippedLibTorchSharp);
        ElfVersionNeedPatcher.Patch(image, RequiredVersion, ShimFileName);
        byte[] once = (byte[])image.Clone();

        ElfVersionNeedPatcher.Patch(image, RequiredVersion, ShimFileName).Should().BeFalse();

        image.Should().Equal(once);
        ElfVersionNeedPatcher.Inspect(image, RequiredVersion, ShimFileName).AlreadyPatched.Should().BeTrue();
    }

    [Test]
    public void Without_spare_null_slots_the_redundant_symbolic_entry_becomes_the_new_needed()
    {
        byte[] image = File.ReadAllBytes(ShippedLibTorchSharp);
        var dynamic = ReadElfSection(ShippedLibTorchSharp, ".dynamic");
        int terminator = ReadElfDynamic(ShippedLibTorchSharp).FindIndex(e => e.Type == "NULL");
        // Fill every slot after the terminator with DT_DEBUG (21) so that no spare DT_NULL remains.
        for (long slot = terminator + 1; slot < dynamic.Size / 16; slot++)
        {
            BitConverter.GetBytes(21L).CopyTo(image, (int)(dynamic.Offset + (slot * 16)));
        }

        ElfVersionNeedPatcher.Patch(image, RequiredVersion, ShimFileName).Should().BeTrue();
        string patched = Path.Combine(_directory, "libLibTorchSharp.so");
        File.WriteAllBytes(patched, image);

        var entries = ReadElfDynamic(patched);
        entries.Should().NotContain(e => e.Type == "SYMBOLIC");
        entries.Should().Contain(e => e.Type == "FLAGS" && e.Value.Contains("SYMBOLIC", StringComparison.Ordinal));
        entries.Should().Contain(e => e.Type == "NEEDED" && e.Value == $"Shared library: [{ShimFileName}]");
    }

    [Test]
    public void A_library_without_run_path_cannot_be_patched_and_the_error_says_why()
    {
        byte[] image = File.ReadAllBytes(ShippedLibTorchSharp);
        var dynamic = ReadElfSection(ShippedLibTorchSharp, ".dynamic");
        int runPath = ReadElfDynamic(ShippedLibTorchSharp).FindIndex(e => e.Type == "RUNPATH");
        BitConverter.GetBytes(21L).CopyTo(image, (int)(dynamic.Offset + (runPath * 16)));

        var act = () => ElfVersionNeedPatcher.Patch(image, RequiredVersion, ShimFileName);

        act.Should().Throw<ElfFormatException>().WithMessage("*no DT_RUNPATH or DT_RPATH*");
    }

    [Test]
    public void A_run_path_too_short_for_the_name_is_reported_with_its_length()
    {
        byte[] image = File.ReadAllBytes(ShippedLibTorchSharp);
        long dynstr = ReadElfSection(ShippedLibTorchSharp, ".dynstr").Offset;
        int runPathIndex = ReadElfDynamic(ShippedLibTorchSharp).FindIndex(e => e.Type == "RUNPATH");
        long dynamicOffset = ReadElfSection(ShippedLibTorchSharp, ".dynamic").Offset;
        long stringOffset = BitConverter.ToInt64(image, (int)(dynamicOffset + (runPathIndex * 16) + 8));
        image[dynstr + stringOffset + 12] = 0; // "$ORIGIN/:/li"

        var act = () => ElfVersionNeedPatcher.Patch(image, RequiredVersion, ShimFileName);

        act.Should().Throw<ElfFormatException>().WithMessage("*'$ORIGIN/:/li' has 13 bytes, fewer than the 34 needed*");
    }

    [Test]
    public void A_library_that_does_not_need_the_version_is_left_alone()
    {
        string c10 = Path.Combine(Path.GetDirectoryName(OutputLibTorchSharp)!, "libc10.so");
        byte[] image = File.ReadAllBytes(c10);

        ElfVersionNeedPatcher.Inspect(image, RequiredVersion, ShimFileName).NeedsVersion.Should().BeFalse();
        var act = () => ElfVersionNeedPatcher.Patch(image, RequiredVersion, ShimFileName);
        act.Should().Throw<ElfFormatException>().WithMessage("*does not need symbol version GLIBCXX_3.4.32*");
    }

    [Test]
    public void Malformed_files_give_a_clear_error()
    {
        byte[] text = "#!/bin/sh\necho not a library\n"u8.ToArray().Concat(new byte[64]).ToArray();
        byte[] truncated = File.ReadAllBytes(ShippedLibTorchSharp).Take(4096).ToArray();

        FluentActions.Invoking(() => ElfVersionNeedPatcher.Inspect(text, RequiredVersion, ShimFileName))
            .Should().Throw<ElfFormatException>().WithMessage("not an ELF file.");
        FluentActions.Invoking(() => ElfVersionNeedPatcher.Inspect(truncated, RequiredVersion, ShimFileName))
            .Should().Throw<ElfFormatException>().WithMessage("*outside the 4096-byte file*");
    }

    [Test]
    public void Version_definitions_agree_with_readelf_on_the_system_libstdcxx()
    {
        string libStdCxx = SystemLibStdCxx();
        byte[] image = File.ReadAllBytes(libStdCxx);
        var defined = ReadElfVersionDefinitions(libStdCxx);

        foreach (string version in new[] { "GLIBCXX_3.4", "GLIBCXX_3.4.29", "GLIBCXX_3.4.30", RequiredVersion, "GLIBCXX_3.4.33", "CXXABI_1.3.13", "NO_SUCH_VERSION" })
        {
            ElfVersionNeedPatcher.DefinesVersion(image, version).Should().Be(defined.Contains(version), version);
        }

        defined.Should().Contain("GLIBCXX_3.4");
    }

    [Test]
    public void The_locator_finds_the_libstdcxx_that_ldconfig_names()
    {
        Assume.That(Environment.GetEnvironmentVariable("LD_LIBRARY_PATH"), Is.Null.Or.Empty, "LD_LIBRARY_PATH comes before the ld.so cache");

        LibStdCxxLocator.Find().Should().Be(SystemLibStdCxx());
    }
}
