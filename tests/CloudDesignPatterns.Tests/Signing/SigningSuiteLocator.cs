using System;
using System.IO;

namespace CloudDesignPatterns.Tests.Signing
{
    /// <summary>Finds the AWS signing test suite, which lives in the shared folder next to the repository.</summary>
    internal static class SigningSuiteLocator
    {
        private const string SuiteRelativePath = "shared/testdata/aws-signing-test-suite/v4";

        public static string FindV4Folder()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(directory.FullName, SuiteRelativePath), Path.Combine(directory.FullName, "..", SuiteRelativePath) })
                {
                    if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
                }
            }
            throw new DirectoryNotFoundException($"'{SuiteRelativePath}' was not found above {AppContext.BaseDirectory}.");
        }
    }
}
