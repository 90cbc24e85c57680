using System.Text;
using MlNetSegment.IO;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.IO;

public class AtomicFileNameTests
{
    [Theory]
    [InlineData(200)]
    [InlineData(241)]
    [InlineData(255)]
    public void Outputs_with_long_but_legal_names_are_written(int nameBytes)
    {
        using var dir = new TempDirectory();
        string name = new string('a', nameBytes - 4) + ".png";
        string path = dir.File(name);

        AtomicFile.Write(path, s => s.WriteByte(42), overwrite: false);

        Assert.Equal([42], File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_temporary_name_never_exceeds_255_bytes_even_cut_inside_multibyte_characters()
    {
        string name = string.Concat(Enumerable.Repeat("é😀", 60)) + ".png"; // 2 + 4 bytes each: 360 + 4 bytes

        string temp = AtomicFile.TempName(name);

        Assert.True(Encoding.UTF8.GetByteCount(temp) <= 255, temp);
        Assert.StartsWith(AtomicFile.TempPrefix, temp, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(temp)));
    }
}
