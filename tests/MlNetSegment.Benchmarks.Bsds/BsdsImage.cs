using MlNetSegment.Evaluation;
using MlNetSegment.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetSegment.Benchmarks.Bsds;

/// <summary>One test image with its human annotations.</summary>
internal sealed record BsdsImage(string Id, Image<Rgba32> Image, IReadOnlyList<int[]> Truth)
{
    public static List<BsdsImage> LoadAll(string data)
    {
        GroundTruthSet truth = GroundTruthSet.Open(Path.Combine(data, "groundtruth"));
        var images = new List<BsdsImage>();
        foreach (string id in truth.Ids)
        {
            var (labels, _, _) = truth.Load(id);
            images.Add(new BsdsImage(id, ImageLoader.Load(Path.Combine(data, "images", id + ".jpg")), labels));
        }

        return images;
    }
}
