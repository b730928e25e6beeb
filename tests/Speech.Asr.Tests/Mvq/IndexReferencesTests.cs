using System.Text.Json;
using Speech.Asr.Mvq;
using Speech.Core.Data;
using Speech.Core.Errors;

namespace Speech.Asr.Tests.Mvq;

/// <summary>The manifest's references to codebook indexes: relative to the manifest's folder, and one
/// training run reads one store of one quantizer at one frame shift.</summary>
public sealed class IndexReferencesTests
{
    static Cut Referencing(string id, string storagePath, string quantizerId, double frameShift = 0.02)
    {
        var reference = new CodebookIndexReference(CodebookIndexReference.StoreType, storagePath, id, new[] { 50, 8 }, 0, frameShift, 0, quantizerId);
        return new Cut(id, new AudioSource($"/{id}.flac"), 0, 1, 16000, "a b")
            .WithExtra(CodebookIndexReference.ExtraKey, JsonSerializer.SerializeToElement(reference));
    }

    [Fact]
    public void The_store_path_is_written_relative_to_the_manifest_and_resolved_against_it()
    {
        var cut = new Cut("c1", new AudioSource("/c1.flac"), 0, 1, 16000);
        var info = new CodebookIndexStoreInfo("0123abcd", 8, 0.02, "teacher");
        var reference = CodebookIndexReference.For(cut, 50, "/exp/run/indexes", info, "/exp/run/data/train.jsonl.gz");
        Assert.Equal(Path.Combine("..", "indexes"), reference.StoragePath);
        Assert.Equal(new[] { 50, 8 }, reference.Shape);
        Assert.Equal("/exp/run/indexes", reference.StoreFolder("/exp/run/data/train.jsonl.gz"));
        // The JSON names are lhotse's TemporalArray's.
        string json = JsonSerializer.Serialize(reference);
        foreach (string key in new[] { "\"storage_type\"", "\"storage_path\"", "\"storage_key\":\"c1\"", "\"shape\":[50,8]", "\"temporal_dim\":0", "\"frame_shift\":0.02", "\"start\":0" })
            Assert.Contains(key, json);
    }

    [Fact]
    public void Cuts_naming_two_stores_are_refused_naming_both_cuts()
    {
        var cuts = new[] { Referencing("a", "indexes", "0123abcd"), Referencing("b", "other", "0123abcd") };
        var error = Assert.Throws<ConfigException>(() => IndexReferences.StoreOf(cuts, "/exp/m.jsonl"));
        Assert.Contains("cut 'a' references indexes in /exp/indexes, cut 'b' in /exp/other", error.Message);
    }

    [Fact]
    public void Cuts_of_two_quantizers_or_frame_shifts_are_refused_naming_both_ids()
    {
        var quantizers = new[] { Referencing("a", "indexes", "0123abcd"), Referencing("b", "indexes", "89abcdef") };
        Assert.Contains("quantizer 0123abcd at 0.02 s, cut 'b' of quantizer 89abcdef at 0.02 s",
            Assert.Throws<ConfigException>(() => IndexReferences.StoreOf(quantizers, "/exp/m.jsonl")).Message);
        var shifts = new[] { Referencing("a", "indexes", "0123abcd"), Referencing("b", "indexes", "0123abcd", 0.04) };
        Assert.Contains("cut 'b' of quantizer 0123abcd at 0.04 s", Assert.Throws<ConfigException>(() => IndexReferences.StoreOf(shifts, "/exp/m.jsonl")).Message);
    }

    [Fact]
    public void A_malformed_reference_is_an_error_naming_the_manifest_and_cut()
    {
        var cut = new Cut("x", new AudioSource("/x.flac"), 0, 1, 16000).WithExtra(CodebookIndexReference.ExtraKey, JsonSerializer.SerializeToElement(new { storage_type = "hdf5" }));
        var error = Assert.Throws<ConfigException>(() => CodebookIndexReference.Of(cut, "/exp/m.jsonl"));
        Assert.Contains("/exp/m.jsonl: cut 'x': codebook_indexes is not a reference", error.Message);
    }
}
