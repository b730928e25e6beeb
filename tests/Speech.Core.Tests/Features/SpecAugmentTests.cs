using Speech.Core.Features;
using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Features;

/// <summary>SpecAugment's invariants: masks are whole bands and spans within their bounds, only
/// valid frames change, a seed repeats, and with no masks the batch is unchanged.</summary>
public sealed class SpecAugmentTests
{
    [Fact]
    public void Masks_are_whole_bands_and_spans_inside_the_bounds()
    {
        using var scope = NewDisposeScope();
        var features = ones(2, 200, 80); // [B, T, F]
        var lengths = tensor(new long[] { 200, 120 });
        var options = new SpecAugmentOptions { FrequencyMasks = 1, MaxFrequencyWidth = 10, TimeMasks = 1, MaxTimeWidth = 30, MaxTimeProportion = 0.2 };

        var masked = new SpecAugment(options).Apply(features, lengths, new Random(5));

        for (int b = 0; b < 2; b++)
        {
            long length = lengths[b].item<long>();
            var item = masked[b].narrow(0, 0, length);
            var zeroBands = (item == Scalars.Zero).all(0).sum().item<long>();        // frequency bins masked over every frame
            var zeroFrames = (item == Scalars.Zero).all(1).sum().item<long>();       // frames masked over every bin
            Assert.InRange(zeroBands, 0, 10);
            Assert.InRange(zeroFrames, 0, Math.Min(30, (long)(0.2 * length)));
            long zeros = (item == Scalars.Zero).sum().item<long>();
            Assert.Equal(zeroBands * length + zeroFrames * 80 - zeroBands * zeroFrames, zeros);
        }
        Assert.True(masked[1].narrow(0, 120, 80).allclose(ones(80, 80))); // padding untouched
    }

    [Fact]
    public void The_same_seed_gives_the_same_masks_and_no_masks_changes_nothing()
    {
        using var scope = NewDisposeScope();
        var features = randn(3, 150, 40, generator: new Generator(1));
        var lengths = tensor(new long[] { 150, 150, 90 });
        var augment = new SpecAugment(new SpecAugmentOptions { TimeWarp = true, TimeWarpWindow = 20 });

        Assert.True(augment.Apply(features, lengths, new Random(9)).allclose(augment.Apply(features, lengths, new Random(9)), 0, 0));
        var none = new SpecAugment(new SpecAugmentOptions { FrequencyMasks = 0, TimeMasks = 0 });
        Assert.True(none.Apply(features, lengths, new Random(9)).allclose(features, 0, 0));
    }

    [Fact]
    public void Time_warp_keeps_the_shape_and_the_end_frames()
    {
        using var scope = NewDisposeScope();
        var ramp = Scalars.Arange(0, 200, dtype: ScalarType.Float32).unsqueeze(1).expand(200, 8).unsqueeze(0).contiguous(); // [1, 200, 8]
        var warp = new SpecAugment(new SpecAugmentOptions { FrequencyMasks = 0, TimeMasks = 0, TimeWarp = true, TimeWarpWindow = 40 });

        var warped = warp.Apply(ramp, tensor(new long[] { 200 }), new Random(3));

        Assert.Equal(ramp.shape, warped.shape);
        var column = warped[0, TensorIndex.Colon, 0];
        using var tolerance = (-1e-4).ToScalar();
        Assert.True((column.narrow(0, 1, 199) - column.narrow(0, 0, 199) >= tolerance).all().item<bool>()); // still increasing
        Assert.InRange(column[0].item<float>(), 0, 1);
        Assert.InRange(column[199].item<float>(), 198, 199);
    }
}
