using Speech.Core.Errors;
using Speech.Core.Text;
using Speech.Testing;

namespace Speech.Core.Tests.Text;

public sealed class IdTextFileTests
{
    [Fact]
    public void The_id_ends_at_the_first_space_or_tab()
    {
        Assert.Equal(("a", "the cat"), IdTextFile.Parse("a\tthe cat"));
        Assert.Equal(("a", "the cat"), IdTextFile.Parse("a the cat"));
        Assert.Equal(("a", "the\tcat sat"), IdTextFile.Parse("a\tthe\tcat sat"));
        Assert.Equal(("a", ""), IdTextFile.Parse("a"));
        Assert.Equal(("a", ""), IdTextFile.Parse("a\t"));
    }

    [Fact]
    public void Tab_and_space_files_read_alike_and_repeated_ids_name_the_line()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("tab.txt"), new[] { "u1\tthe cat", "", "u2\ta b" });
        File.WriteAllLines(temp.File("space.txt"), new[] { "u1 the cat", "", "u2 a b" });
        var tab = IdTextFile.Read(temp.File("tab.txt"));
        Assert.Equal(new Dictionary<string, string> { ["u1"] = "the cat", ["u2"] = "a b" }, tab);
        Assert.Equal(IdTextFile.Read(temp.File("space.txt")), tab);

        File.WriteAllLines(temp.File("twice.txt"), new[] { "u1\tx", "u1 y" });
        var error = Assert.Throws<SpeechException>(() => IdTextFile.Read(temp.File("twice.txt")));
        Assert.Contains("twice.txt:2: duplicate id 'u1'", error.Message);
    }
}
