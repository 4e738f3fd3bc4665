using System;
using System.IO;
using System.Linq;
using CloudDesignPatterns.Engine.Configuration;

namespace CloudDesignPatterns.Tests.Configuration
{
    /// <summary>Keeps docs/configuration.md in step with the catalog: every setting must have a row in its table.</summary>
    public class ConfigurationDocsTests
    {
        private static string ReadDocs()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "CloudDesignPatterns.sln"))) directory = directory.Parent;
            Assert.NotNull(directory);
            return File.ReadAllText(Path.Combine(directory!.FullName, "docs", "configuration.md"));
        }

        [Fact]
        public void EverySettingHasATableRowWithItsParameterAndExpectedForm()
        {
            var docs = ReadDocs();
            foreach (var setting in SettingCatalog.Default.Patterns.SelectMany(p => p.Settings))
            {
                var row = docs.Split('\n').FirstOrDefault(line => line.StartsWith($"| `{setting.Key}` |", StringComparison.Ordinal));
                Assert.True(row != null, $"docs/configuration.md has no table row for {setting.Key}");
                Assert.Contains($"`-{setting.ParameterName}`", row);
                Assert.Contains($"| {setting.Type.Name} |", row);
                var expectedDefault = setting.DefaultValue == null ? "—" : $"`{setting.DefaultValue}`";
                Assert.EndsWith($"| {expectedDefault} |", row!.TrimEnd('\r'));
            }
        }
    }
}
