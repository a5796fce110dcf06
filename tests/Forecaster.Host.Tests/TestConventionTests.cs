using System.Text.RegularExpressions;
using Forecaster.Testing;

namespace Forecaster.Host.Tests;

/// <summary>
/// The suite's own conventions (issue 15), read from every test project's source: a class in a file of tests is
/// sealed, abstract or static, and a test method is named as an underscore sentence
/// (<c>Every_bad_value_is_named_at_once</c>), never in PascalCase.
/// </summary>
public sealed partial class TestConventionTests
{
    [Fact]
    public void Test_classes_are_sealed_and_test_methods_are_underscore_sentences()
    {
        var problems = new List<string>();
        var tests = 0;
        foreach (var (name, text) in TestSources())
        {
            var attributes = TestAttribute().Matches(text);
            if (attributes.Count == 0)
            {
                continue;
            }

            foreach (Match declaration in ClassDeclaration().Matches(text))
            {
                if (!SealedAbstractOrStatic().IsMatch(declaration.Groups["modifiers"].Value))
                {
                    problems.Add($"{name}: class {declaration.Groups["name"].Value} is not sealed");
                }
            }

            foreach (Match attribute in attributes)
            {
                tests++;
                var method = TestMethod().Match(text, attribute.Index + attribute.Length);
                if (!method.Success)
                {
                    problems.Add($"{name}: no test method found after the attribute at offset {attribute.Index}");
                }
                else if (!UnderscoreSentence().IsMatch(method.Groups["name"].Value))
                {
                    problems.Add($"{name}: test method {method.Groups["name"].Value} is not an underscore sentence");
                }
            }
        }

        Assert.True(tests > 300, $"only {tests} tests found under {SourceTree.PathOf("tests")}");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<(string Name, string Text)> TestSources()
    {
        var root = SourceTree.PathOf("tests");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path))
            .Where(name => !name.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(name => (name, File.ReadAllText(Path.Combine(root, name))));
    }

    [GeneratedRegex(@"^[ \t]*\[(?:Fact|Theory)\b[^\n]*\n", RegexOptions.Multiline)]
    private static partial Regex TestAttribute();

    /// <summary>
    /// The method an attribute marks: further attribute lines (InlineData, MemberData), comments and blank lines may
    /// come between.
    /// </summary>
    [GeneratedRegex(@"\G(?:[ \t]*(?:\[|//)[^\n]*\n|[ \t]*\r?\n)*[ \t]*public\s+(?:async\s+)?(?:void|Task|ValueTask)\s+(?<name>\w+)\s*\(")]
    private static partial Regex TestMethod();

    [GeneratedRegex(
        @"^[ \t]*(?<modifiers>(?:(?:public|internal|private|protected|file|static|sealed|abstract|partial)\s+)*)class\s+(?<name>\w+)",
        RegexOptions.Multiline)]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"\b(?:sealed|abstract|static)\b")]
    private static partial Regex SealedAbstractOrStatic();

    [GeneratedRegex(@"^[A-Z0-9][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$")]
    private static partial Regex UnderscoreSentence();
}
