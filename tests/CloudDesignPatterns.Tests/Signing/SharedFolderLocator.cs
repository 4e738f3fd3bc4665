using System;
using System.IO;

namespace CloudDesignPatterns.Tests.Signing
{
    /// <summary>Finds the AWS signing test suite (and other reference data), which live in the shared folder next to the repository.</summary>
    internal static class SharedFolderLocator
    {
        private const string SuiteRelativePath = "shared/testdata/aws-signing-test-suite/v4";

        public static string FindV4Folder() => FindSharedFolder(SuiteRelativePath);

        /// <summary>A folder under shared/ ("shared/reference/response-samples"), looked for above the test binaries.</summary>
        public static string FindSharedFolder(string relativePath)
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(directory.FullName, relativePath), Path.Combine(directory.FullName, "..", relativePath) })
                {
                    if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
                }
            }
            throw new DirectoryNotFoundException($"'{relativePath}' was not found above {AppContext.BaseDirectory}.");
        }
    }
}
