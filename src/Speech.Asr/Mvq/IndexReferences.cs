using System.Text.Json;
using Speech.Core.Data;
using Speech.Core.Errors;

namespace Speech.Asr.Mvq;

/// <summary>Puts index references into a manifest (<c>speech mvq attach</c>) and finds the one store
/// a manifest's references name (<c>speech mvq train</c> without <c>--targets</c>).</summary>
public static class IndexReferences
{
    /// <summary>Every cut of <paramref name="cuts"/>, those with indexes in <paramref name="store"/>
    /// carrying a reference to them; the ids of the others are listed (they are kept, without one).</summary>
    public static (List<Cut> Cuts, List<string> Missing) Attach(IEnumerable<Cut> cuts, CodebookIndexStore store, string manifestPath)
    {
        var result = new List<Cut>();
        var missing = new List<string>();
        foreach (var cut in cuts)
        {
            if (store.FramesOf(cut.Id) is not { } frames)
            {
                missing.Add(cut.Id);
                result.Add(cut);
                continue;
            }
            var reference = CodebookIndexReference.For(cut, frames, store.Folder, store.Info, manifestPath);
            result.Add(cut.WithExtra(CodebookIndexReference.ExtraKey, JsonSerializer.SerializeToElement(reference)));
        }
        return (result, missing);
    }

    /// <summary>The store folder all referenced cuts name, checked to hold one quantizer's indexes at one
    /// frame shift; an error when no cut has a reference or two stores or quantizers are mixed.</summary>
    public static string StoreOf(IReadOnlyList<Cut> cuts, string manifestPath)
    {
        CodebookIndexReference? first = null;
        string? folder = null;
        string? firstCut = null;
        foreach (var cut in cuts)
        {
            if (CodebookIndexReference.Of(cut, manifestPath) is not { } reference) continue;
            string store = reference.StoreFolder(manifestPath);
            if (first is null)
            {
                (first, folder, firstCut) = (reference, store, cut.Id);
                continue;
            }
            if (store != folder)
                throw new ConfigException($"{manifestPath}: cut '{firstCut}' references indexes in {folder}, cut '{cut.Id}' in {store}; one store per training run");
            if (reference.QuantizerId != first.QuantizerId || Math.Abs(reference.FrameShift - first.FrameShift) > 1e-9)
                throw new ConfigException($"{manifestPath}: cut '{firstCut}' references indexes of quantizer {first.QuantizerId} at {first.FrameShift} s, " +
                                          $"cut '{cut.Id}' of quantizer {reference.QuantizerId} at {reference.FrameShift} s");
        }
        if (first is null)
            throw new ConfigException($"{manifestPath}: no cut references codebook indexes ({CodebookIndexReference.ExtraKey}); write them with 'speech mvq attach' or give --targets");
        var info = CodebookIndexStoreInfo.Read(folder!);
        info.Require(folder!, first.QuantizerId, first.FrameShift); // the store was re-encoded since the manifest was written
        return folder!;
    }
}
