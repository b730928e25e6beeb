namespace Speech.Analyzers.Tests;

public sealed class ImplicitScalarAnalyzerTests
{
    [Theory]
    [InlineData("var z = x + y;")]                         // add(y) → add(y, 1): alpha made inside
    [InlineData("x += y;")]
    [InlineData("var z = x.add(y);")]
    [InlineData("var z = x.add_(y);")]
    [InlineData("var z = torch.add(x, y);")]
    [InlineData("var z = x + s;")]
    [InlineData("var z = x * 2.0;")]                       // number operand: converted inside
    [InlineData("var z = 1 - x;")]
    [InlineData("x *= 2;")]
    [InlineData("var z = arange(5);")]                     // arange(0, 5, 1)
    [InlineData("var z = arange(1, 5);")]
    [InlineData("var z = x.mul(2.0);")]                    // implicit double → Scalar argument
    [InlineData("var z = x.masked_fill(y, float.NegativeInfinity);")]
    [InlineData("var z = x > 0.5;")]
    [InlineData("var z = x.mul(2.0.ToScalar());")]         // made explicitly, but owned by nobody
    [InlineData("var z = x.square();")]                    // pow(2)
    [InlineData("var z = x.addcdiv(x, y);")]
    [InlineData("float v = (float)x;")]                    // ToSingle(): reads through an unowned Scalar
    [InlineData("var v = x.ToDouble();")]
    [InlineData("var o = optim.AdamW(new[] { new TorchSharp.Modules.Parameter(x) });")]
    [InlineData("var m = nn.LeakyReLU();")]
    [InlineData("var z = nn.functional.leaky_relu(x);")]
    [InlineData("Func<Tensor, Tensor, Tensor> f = torch.add;")]
    public void Flags_a_scalar_that_nothing_owns(string statement) =>
        Assert.NotEmpty(AnalyzerHarness.Analyze(statement)); // arange(5) also flags the 5 itself

    [Theory]
    [InlineData("using var one = 1.ToScalar(); var z = x.add(y, one);")]
    [InlineData("var z = x.add(y, s);")]
    [InlineData("var z = x - y;")]                         // THSTensor_sub takes no alpha
    [InlineData("var z = x.sub(y);")]
    [InlineData("var z = x * y;")]
    [InlineData("var z = x - s;")]
    [InlineData("var z = x.mul(s);")]
    [InlineData("using Scalar a = 0L.ToScalar(), b = 5L.ToScalar(), c = 1.ToScalar(); var z = arange(a, b, c);")]
    [InlineData("var v = x.item<float>();")]
    [InlineData("var text = x.ToString();")]
    [InlineData("var z = -x;")]
    [InlineData("var z = nn.functional.gelu(x);")]
    [InlineData("var z = x.masked_fill(y, s);")]
    public void Leaves_owned_scalars_alone(string statement) =>
        Assert.Empty(AnalyzerHarness.Analyze(statement));

    [Fact]
    public void The_message_names_the_safe_alternative()
    {
        var diagnostic = Assert.Single(AnalyzerHarness.Analyze("var z = x + y;"));
        Assert.Contains("x.add(y, Scalars.One)", diagnostic.GetMessage());
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
    }
}
