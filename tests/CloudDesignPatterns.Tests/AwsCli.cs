using System;
using System.Diagnostics;
using System.IO;

namespace CloudDesignPatterns.Tests
{
    /// <summary>
    /// Runs the official AWS CLI (Debian's awscli, botocore: a stricter second parser of the sandbox's wire formats)
    /// against an endpoint, with an empty home, fixed keys and no instance metadata. CI installs the CLI (.ci/run), so a
    /// missing CLI fails the test instead of letting it pass quietly.
    /// </summary>
    internal static class AwsCli
    {
        public const string Path = "/usr/bin/aws";

        public static (int Exit, string Out, string Err) Run(string endpointUrl, string region, params string[] args)
            => RunAs("AKIDEXAMPLE", "secret", endpointUrl, region, args);

        /// <summary>As <see cref="Run"/>, signed with the given keys (a principal registered with a policy).</summary>
        public static (int Exit, string Out, string Err) RunAs(string accessKeyId, string secretAccessKey, string endpointUrl, string region, params string[] args)
        {
            Assert.True(File.Exists(Path), $"{Path} is missing: install awscli (apt-get install -y awscli) to run the sandbox's second-client tests.");
            var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--endpoint-url", endpointUrl, "--region", region, "--output", "json" }) start.ArgumentList.Add(a);
            foreach (var a in args) start.ArgumentList.Add(a);
            var home = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cdp-cli-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(home);
            start.Environment["HOME"] = home;
            start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
            start.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            start.Environment["AWS_CONFIG_FILE"] = System.IO.Path.Combine(home, "config");
            start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = System.IO.Path.Combine(home, "credentials");
            start.Environment["AWS_PAGER"] = "";
            try
            {
                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                Assert.True(process.WaitForExit(60_000), "aws CLI timed out");
                return (process.ExitCode, stdout.Result, stderr.Result);
            }
            finally { Directory.Delete(home, recursive: true); }
        }
    }
}
