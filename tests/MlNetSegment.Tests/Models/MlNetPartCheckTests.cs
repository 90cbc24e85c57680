using MlNetSegment.Models;
using MlNetSegment.Segmentation;
using MlNetSegment.Tests.TestSupport;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Tests.Models;

public class MlNetPartCheckTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(PaletteTrainingOptions.MaxClusters)]
    public void A_template_exists_for_every_K_the_metadata_allows(int k)
    {
        // k, dims, then per cluster a count and three floats, inside ML.NET's header and tail.
        Assert.True(MlNetPartCheck.KMeansEntryLength(k) > 8 + (k * 16));
    }

    [Fact]
    public void A_model_of_the_largest_K_saves_and_loads()
    {
        using Image<Rgba32> image = Image.Load<Rgba32>(TestImages.Sample("coffee.png"));
        PaletteModel model = ImageSegmenter.Segment(
            image, new PaletteTrainingOptions { Clusters = PaletteTrainingOptions.MaxClusters, SamplePixels = 5_000, Restarts = 1, MaxIterations = 5 }).Model;

        PaletteModel loaded = PaletteModelFile.Load(PaletteModelFile.ToBytes(model), "k256.zip");

        Assert.Equal(model.Palette, loaded.Palette);
    }
}
