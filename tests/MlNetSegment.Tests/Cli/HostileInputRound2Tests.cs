using System.Buffers.Binary;
using System.IO.Compression;
using MlNetSegment.Tests.Corpus;
using MlNetSegment.Tests.Evaluation;
using MlNetSegment.Tests.Imaging;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.Cli;

/// <summary>
/// Issue #12 ("Hostile input, round 2") through the real CLI: metadata floods in PNG and JPEG (both decoders, and
/// apply/train, which probe and load), one image's out-of-memory in a batch, and label maps in <c>evaluate</c>.
/// Files over the corpus's size budget are made here, in a temporary folder.
/// </summary>
public class HostileInputRound2Tests
{
    private const long OneGigabyte = 1L << 30;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Decoders { get; } = new("native", "managed");

    [Theory]
    [MemberData(nameof(Decoders))]
    public void A_PNG_whose_zTXt_inflates_to_1_GiB_is_segmented_without_inflating_it(string decoder)
    {
        using var dir = new TempDirectory();

        var run = MeasuredCliRun.Run(dir.Path, Limit, "segment", CorpusManifest.PathOf("png_ztxt_bomb_1gb.png"), "-k", "2", "-o", "out.png", "--decoder", decoder);

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.PeakBytes < OneGigabyte, $"peak {run.PeakBytes:N0} bytes");
        Assert.True(run.Elapsed < Quick, $"took {run.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void A_PNG_with_more_than_16_MB_of_text_chunks_is_refused_from_its_chunk_headers(string decoder)
    {
        using var dir = new TempDirectory();
        byte[] text = new byte[1 << 20];
        "Comment\0"u8.CopyTo(text);
        File.WriteAllBytes(dir.File("text.png"), Png(8, 8, Enumerable.Repeat(Chunk("tEXt", text), 17)));

        AssertRefused(dir, "text.png", "too much metadata", ["segment", "text.png", "-o", "out.png", "--decoder", decoder]);
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void A_PNG_with_a_12_MB_iTXt_and_a_12_MB_iCCP_chunk_is_segmented_within_seconds(string decoder)
    {
        // The fuzzer's find: libpng's progressive reader (Skia) saves big ancillary chunks quadratically (over 60 s).
        using var dir = new TempDirectory();
        var noise = new byte[12 << 20];
        new Random(12).NextBytes(noise);
        byte[] itxt = [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. noise];
        byte[] iccp = [.. "ICC profile\0\0"u8, .. noise];
        File.WriteAllBytes(dir.File("big-chunks.png"), Png(8, 8, [Chunk("iTXt", itxt), Chunk("iCCP", iccp)]));

        var run = MeasuredCliRun.Run(dir.Path, Limit, "segment", "big-chunks.png", "-k", "2", "-o", "out.png", "--decoder", decoder);

        Assert.False(run.TimedOut, "hung");
        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Elapsed < Quick, $"took {run.Elapsed}");
        Assert.True(run.PeakBytes < OneGigabyte, $"peak {run.PeakBytes:N0} bytes");
    }

    [Theory]
    [InlineData("native", 0xE1)]
    [InlineData("managed", 0xE1)]
    [InlineData("native", 0xE2)]
    [InlineData("managed", 0xE2)]
    public void A_JPEG_with_60_MB_of_APP1_or_APP2_segments_is_refused_within_seconds(string decoder, int marker)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("flood.jpg"), JpegFlood(marker, 60 << 20));

        AssertRefused(dir, "flood.jpg", "too much metadata", ["segment", "flood.jpg", "-o", "out.png", "--decoder", decoder]);
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void A_progressive_JPEG_of_5000_scans_is_refused_from_its_markers(string decoder)
    {
        // Probe F6: a scan bomb took 64 s with ImageSharp; the native decoder refused it as "invalid or unsupported".
        using var dir = new TempDirectory();
        byte[] progressive = File.ReadAllBytes(CorpusManifest.PathOf("jpeg_progressive.jpg"));
        File.WriteAllBytes(dir.File("scans.jpg"), JpegFiles.WithScans(progressive, 5000));

        AssertRefused(dir, "scans.jpg", "too many JPEG scans", ["segment", "scans.jpg", "-o", "out.png", "--decoder", decoder]);
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void A_JPEG_cut_off_before_its_EOI_marker_is_refused_by_either_decoder(string decoder)
    {
        // Probe F5: the native decoder refused a cut-off JPEG, ImageSharp segmented the grey it filled in.
        using var dir = new TempDirectory();
        File.Copy(CorpusManifest.PathOf("jpeg_trunc_half.jpg"), dir.File("cut.jpg"));

        AssertRefused(dir, "cut.jpg", "corrupt image data (the image data ends early", ["segment", "cut.jpg", "-o", "out.png", "--decoder", decoder]);
    }

    [Fact]
    public void Apply_and_train_refuse_a_metadata_flood_as_that_image_only()
    {
        using var dir = new TempDirectory();
        File.Copy(CorpusManifest.PathOf("png_rgb8.png"), dir.File("a.png"));
        File.WriteAllBytes(dir.File("flood.jpg"), JpegFlood(0xE1, 20 << 20));
        File.Copy(CorpusManifest.PathOf("png_ztxt_bomb_1gb.png"), dir.File("bomb.png"));

        var apply = MeasuredCliRun.Run(dir.Path, Limit, "apply", ModelPath, "a.png", "flood.jpg", "bomb.png", "-o", "out");
        Assert.Equal(1, apply.ExitCode);
        Assert.True(apply.PeakBytes < OneGigabyte, $"peak {apply.PeakBytes:N0} bytes");
        Assert.Contains("apply: 2 succeeded, 0 skipped (outputs exist), 1 failed", apply.StdOut, StringComparison.Ordinal);
        Assert.Contains(apply.ErrorLines, l => l.Contains("flood.jpg: too much metadata", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", apply.StdErr, StringComparison.Ordinal);

        var train = MeasuredCliRun.Run(dir.Path, Limit, "train", "a.png", "flood.jpg", "bomb.png", "-k", "2", "-o", "m.zip");
        Assert.Equal(1, train.ExitCode);
        Assert.True(train.PeakBytes < OneGigabyte, $"peak {train.PeakBytes:N0} bytes");
        Assert.Contains(train.ErrorLines, l => l.Contains("flood.jpg: too much metadata", StringComparison.Ordinal));
        Assert.True(File.Exists(dir.File("m.zip")));
    }

    [Fact]
    public void Out_of_memory_in_one_image_fails_that_image_and_the_batch_goes_on()
    {
        using var dir = new TempDirectory();
        File.Copy(CorpusManifest.PathOf("png_rgb8.png"), dir.File("a.png"));
        File.Copy(CorpusManifest.PathOf("png_rgb8.png"), dir.File("c.png"));
        File.WriteAllBytes(dir.File("big.png"), SolidPng(8000, 8000)); // 256 MB as RGBA, over the heap limit below
        var smallHeap = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0xC000000" }; // 192 MB

        var apply = MeasuredCliRun.Run(dir.Path, Limit, smallHeap, "apply", ModelPath, "a.png", "big.png", "c.png", "-o", "out");
        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("apply: 2 succeeded, 0 skipped (outputs exist), 1 failed", apply.StdOut, StringComparison.Ordinal);
        Assert.Contains(apply.ErrorLines, l => l.Contains("big.png: out of memory", StringComparison.Ordinal));
        Assert.True(File.Exists(dir.File("out/a.segmented.png")) && File.Exists(dir.File("out/c.segmented.png")));

        var train = MeasuredCliRun.Run(dir.Path, Limit, smallHeap, "train", "a.png", "big.png", "c.png", "-k", "2", "-o", "m.zip");
        Assert.Equal(1, train.ExitCode);
        Assert.Contains(train.ErrorLines, l => l.Contains("big.png: out of memory", StringComparison.Ordinal));
        Assert.True(File.Exists(dir.File("m.zip")));
    }

    [Fact]
    public void Train_where_no_input_is_usable_names_the_first_file_and_why()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("zero.png"), []);
        File.WriteAllText(dir.File("text.jpg"), "not an image");

        var train = CliRunner.Run(dir.Path, "train", "zero.png", "text.jpg", "-k", "2", "-o", "m.zip");

        Assert.Equal(1, train.ExitCode);
        string error = Assert.Single(train.ErrorLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith("error: no usable pixels: all 2 input(s) were skipped; the first, zero.png: ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.zip")));
    }

    [Fact]
    public void Evaluate_reads_a_1x1_interlaced_label_map()
    {
        using var dir = Folders();
        byte[] interlaced = Png(1, 1, [], depth: 8, colorType: 0, interlace: 1, raw: [0, 5]);
        File.WriteAllBytes(dir.File("gt/1_gt1.png"), interlaced);
        File.WriteAllBytes(dir.File("pred/1.png"), interlaced);

        var run = MeasuredCliRun.Run(dir.Path, Quick, "evaluate", "--pred", "pred", "--gt", "gt");

        Assert.False(run.TimedOut, "evaluate hung");
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Evaluate_refuses_a_FIFO_label_map_without_opening_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = Folders();
        ImageLoaderHostileInputTests.MakeFifo(dir, "gt/1_gt1.png");
        EvaluationRunnerTests.WriteLabels16(dir.File("pred/1.png"), 2, 2, (x, _) => x);

        AssertRefused(dir, "gt/1_gt1.png", "FIFO", ["evaluate", "--pred", "pred", "--gt", "gt"]);
    }

    [Fact]
    public void Evaluate_refuses_a_16000x16000_label_map_from_its_header()
    {
        using var dir = Folders();
        File.Copy(CorpusManifest.PathOf("png_16000x16000.png"), dir.File("gt/1_gt1.png"));
        EvaluationRunnerTests.WriteLabels16(dir.File("pred/1.png"), 2, 2, (x, _) => x);

        AssertRefused(dir, "gt/1_gt1.png", "too large", ["evaluate", "--pred", "pred", "--gt", "gt"]);
    }

    [Fact]
    public void Evaluate_refuses_an_annotator_number_beyond_int_with_one_line()
    {
        using var dir = Folders();
        EvaluationRunnerTests.WriteLabels16(dir.File("gt/1_gt99999999999.png"), 2, 2, (x, _) => x);
        EvaluationRunnerTests.WriteLabels16(dir.File("pred/1.png"), 2, 2, (x, _) => x);

        AssertRefused(dir, "gt/1_gt99999999999.png", "annotator number", ["evaluate", "--pred", "pred", "--gt", "gt"]);
    }

    [Fact]
    public void Evaluate_keeps_16_bit_label_values_apart_and_skips_text_bombs()
    {
        using var dir = Folders();
        EvaluationRunnerTests.WriteLabels16(dir.File("gt/1_gt1.png"), 8, 8, (x, _) => x < 4 ? 1000 : 1001);
        EvaluationRunnerTests.WriteLabels16(dir.File("pred/1.png"), 8, 8, (x, _) => x < 4 ? 1000 : 1001);
        File.Copy(CorpusManifest.PathOf("png_ztxt_bomb_1gb.png"), dir.File("gt/2_gt1.png"));
        File.Copy(CorpusManifest.PathOf("png_ztxt_bomb_1gb.png"), dir.File("pred/2.png"));

        var run = MeasuredCliRun.Run(dir.Path, Limit, "evaluate", "--pred", "pred", "--gt", "gt", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.PeakBytes < OneGigabyte, $"peak {run.PeakBytes:N0} bytes");
        Assert.Contains("\"regions\": 2", run.StdOut, StringComparison.Ordinal); // 1000 and 1001 are two labels
        Assert.Contains("\"pri\": 1", run.StdOut, StringComparison.Ordinal);
    }

    private static string ModelPath => Path.Combine(TestImages.RepoRoot, "models", "samples-k12.zip");

    private static TempDirectory Folders()
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("gt"));
        Directory.CreateDirectory(dir.File("pred"));
        return dir;
    }

    private static void AssertRefused(TempDirectory dir, string name, string reason, string[] args)
    {
        string[] before = Directory.GetFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories);

        var run = MeasuredCliRun.Run(dir.Path, Limit, args);

        Assert.False(run.TimedOut, name + " hung");
        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: " + name + ": ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.True(run.Elapsed < Quick, $"took {run.Elapsed}");
        Assert.True(run.PeakBytes < OneGigabyte, $"peak {run.PeakBytes:N0} bytes");
        Assert.Equal(before, Directory.GetFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories));
    }

    internal static byte[] JpegFlood(int marker, int bytes)
    {
        byte[] jpeg = File.ReadAllBytes(CorpusManifest.PathOf("jpeg_baseline.jpg"));
        var segment = new byte[65537];
        segment[0] = 0xFF;
        segment[1] = (byte)marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), 65535);
        (marker == 0xE1 ? "Exif\0\0II*\0"u8 : "ICC_PROFILE\0\u0001\u0001"u8).CopyTo(segment.AsSpan(4));
        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2);
        for (var written = 0; written < bytes; written += segment.Length)
        {
            output.Write(segment);
        }

        output.Write(jpeg, 2, jpeg.Length - 2);
        return output.ToArray();
    }

    private static byte[] SolidPng(int width, int height)
    {
        using var data = new MemoryStream();
        using (var z = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (3 * width)];
            for (var y = 0; y < height; y++)
            {
                z.Write(row);
            }
        }

        return Png(width, height, [], raw: null, idat: data.ToArray());
    }

    internal static byte[] Png(int width, int height, IEnumerable<byte[]> before, int depth = 8, int colorType = 2, int interlace = 0, byte[]? raw = null, byte[]? idat = null)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)depth;
        ihdr[9] = (byte)colorType;
        ihdr[12] = (byte)interlace;
        if (idat is null)
        {
            raw ??= new byte[height * (1 + (3 * width))];
            using var data = new MemoryStream();
            using (var z = new ZLibStream(data, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(raw);
            }

            idat = data.ToArray();
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        png.Write(Chunk("IHDR", ihdr));
        foreach (byte[] chunk in before)
        {
            png.Write(chunk);
        }

        png.Write(Chunk("IDAT", idat));
        png.Write(Chunk("IEND", []));
        return png.ToArray();
    }

    internal static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
