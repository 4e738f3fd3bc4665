using System;
using System.IO;
using CloudDesignPatterns.Engine.Iam;

namespace CloudDesignPatterns.Tests.Iam
{
    public class IamDocsTests
    {
        [Fact]
        public void Docs_iam_md_is_generated_from_the_current_catalog()
        {
            var path = Path.Combine(RepositoryRoot(), "docs", "iam.md");
            var expected = IamDocsRenderer.Render();
            if (Environment.GetEnvironmentVariable(IamDocsRenderer.UpdateVariable) == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, expected);
            }

            Assert.True(File.Exists(path), $"{path} is missing; run with {IamDocsRenderer.UpdateVariable}=1 to generate it.");
            var actual = File.ReadAllText(path).Replace("\r\n", "\n");
            Assert.True(actual == expected,
                $"docs/iam.md is out of date with PolicyCatalog; run `{IamDocsRenderer.UpdateVariable}=1 dotnet test tests/CloudDesignPatterns.Tests --filter IamDocs` and commit the result.");
        }

        [Fact]
        public void Docs_contain_every_role_json_verbatim()
        {
            var docs = IamDocsRenderer.Render();
            foreach (var policy in PolicyCatalog.All)
            {
                Assert.Contains("### Role `" + policy.Role + "`", docs);
                Assert.Contains("```json\n" + policy.Json + "\n```", docs);
            }
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CloudDesignPatterns.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("CloudDesignPatterns.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
