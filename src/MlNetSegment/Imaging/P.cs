namespace MlNetSegment.Imaging; internal static class Placeholder { }
