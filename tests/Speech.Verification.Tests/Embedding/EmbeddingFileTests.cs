using Speech.Core.Errors;
using Speech.Testing;
using Speech.Verification.Embedding;

namespace Speech.Verification.Tests.Embedding;

public sealed class EmbeddingFileTests
{
    [Fact]
    public void Embeddings_round_trip_exactly()
    {
        using var folder = new TempDirectory();
        var embeddings = new Dictionary<string, float[]> { ["b"] = [0.1f, -2.5e-8f], ["a"] = [float.Epsilon, 1f / 3] };
        EmbeddingFile.Write(folder.File("e.emb"), embeddings);
        var read = EmbeddingFile.Read(folder.File("e.emb"));
        Assert.Equal(["a", "b"], read.Keys.Order());
        Assert.Equal(embeddings["a"], read["a"]);
        Assert.Equal(embeddings["b"], read["b"]);
    }

    [Fact]
    public void A_line_of_the_wrong_width_is_named()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("e.emb"), "a 1 2\nb 1 2 3\n");
        var error = Assert.Throws<SpeechException>(() => EmbeddingFile.Read(folder.File("e.emb")));
        Assert.Contains("e.emb:2: 3 values, expected 2", error.Message);
    }
}
