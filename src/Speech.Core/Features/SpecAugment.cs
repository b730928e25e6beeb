using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Features;

/// <summary>Time and frequency masking (and optional time warp) of a feature batch <c>[B, T, F]</c>.
/// Masks are drawn from the caller's <see cref="Random"/>, so a seeded run repeats exactly; only
/// each utterance's valid frames (per <c>lengths</c>) are warped or masked.</summary>
public sealed class SpecAugment(SpecAugmentOptions? options = null)
{
    readonly SpecAugmentOptions options = options ?? new SpecAugmentOptions();

    /// <summary>The masks' random source for a batch: from the run's seed and the batch's cut ids, so a
    /// resumed run, or the same batch built on another thread, draws the same masks.</summary>
    public static Random RandomFor(int seed, IEnumerable<string> cutIds) =>
        new((int)(Data.SeededRandom.Combine(seed, Data.SeededRandom.StableHash(string.Join('\n', cutIds))) & int.MaxValue));

    public Tensor Apply(Tensor features, Tensor lengths, Random random)
    {
        using var scope = NewDisposeScope();
        long batch = features.shape[0], frames = features.shape[1], bins = features.shape[2];
        long[] valid = lengths.cpu().data<long>().ToArray();
        var output = options.TimeWarp ? WarpAll(features, valid, random) : features.clone();
        var mask = new bool[batch * frames * bins];
        for (int b = 0; b < batch; b++)
        {
            long offset = b * frames * bins;
            for (int i = 0; i < options.FrequencyMasks; i++)
            {
                int width = random.Next(0, Math.Min(options.MaxFrequencyWidth, (int)bins) + 1);
                int start = random.Next(0, (int)bins - width + 1);
                for (long t = 0; t < valid[b]; t++)
                    for (int f = start; f < start + width; f++) mask[offset + t * bins + f] = true;
            }
            int widest = (int)Math.Min(options.MaxTimeWidth, Math.Floor(options.MaxTimeProportion * valid[b]));
            for (int i = 0; i < options.TimeMasks; i++)
            {
                int width = random.Next(0, widest + 1);
                int start = random.Next(0, (int)valid[b] - width + 1);
                for (long t = start; t < start + width; t++)
                    for (long f = 0; f < bins; f++) mask[offset + t * bins + f] = true;
            }
        }
        using var fill = options.MaskValue.ToScalar(); // explicit: implicit Scalars are freed by the finalizer thread, possibly mid-call
        var masked = output.masked_fill(tensor(mask, [batch, frames, bins]).to(features.device), fill); // [B, T, F]
        return masked.MoveToOuterDisposeScope();
    }

    /// <summary>Moves a random centre frame c by w ∈ [−W, W], stretching [0, c) and [c, T) linearly.</summary>
    Tensor WarpAll(Tensor features, long[] valid, Random random)
    {
        var output = features.clone();
        int window = options.TimeWarpWindow;
        for (int b = 0; b < valid.Length; b++)
        {
            long length = valid[b];
            if (length <= 2 * window + 1) continue;
            int centre = random.Next(window + 1, (int)(length - window));
            int warped = centre + random.Next(-window, window + 1);
            if (warped <= 0 || warped >= length) continue;
            var item = features[b].narrow(0, 0, length).unsqueeze(0).unsqueeze(0); // [1, 1, T, F]
            long bins = features.shape[2];
            var left = nn.functional.interpolate(item.narrow(2, 0, centre), [warped, bins], mode: InterpolationMode.Bilinear, align_corners: false);
            var right = nn.functional.interpolate(item.narrow(2, centre, length - centre), [length - warped, bins], mode: InterpolationMode.Bilinear, align_corners: false);
            output[b].narrow(0, 0, length).copy_(cat([left, right], 2).squeeze(0).squeeze(0));
        }
        return output;
    }
}
