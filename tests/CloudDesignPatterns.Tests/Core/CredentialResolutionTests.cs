using System;
using System.IO;
using System.Threading.Tasks;
using Amazon.Runtime;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Tests.Core
{
    /// <summary>
    /// Credentials: keys > -ProfileName > session default profile > environment keys > AWS_PROFILE > default profile > instance role.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class CredentialResolutionTests : IDisposable
    {
        private const string Credentials =
            "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\n" +
            "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n\n" +
            "[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = ops-secret\n\n" +
            "[envprofile]\naws_access_key_id = AKIDENVPROFILE\naws_secret_access_key = envprofile-secret\n";
        private readonly ProfileFiles files = new ProfileFiles(credentials: Credentials);
        private readonly ResolverHarness h = new ResolverHarness();

        public CredentialResolutionTests()
        {
            h.Env.Set("AWS_ACCESS_KEY_ID", "AKIDENV").Set("AWS_SECRET_ACCESS_KEY", "env-secret").Set("AWS_PROFILE", "envprofile");
            h.Imds.Tree["meta-data/iam/security-credentials/"] = "web-role";
            h.Imds.Tree["meta-data/iam/security-credentials/web-role"] = ImdsRoleCredentialsTests.SuccessJson;
            SessionDefaults.Set(null, "ops", null);
        }

        public void Dispose()
        {
            h.Dispose();
            files.Dispose();
        }

        private static ConnectionSettings Tokyo(Action<ConnectionSettings>? more = null)
        {
            var s = new ConnectionSettings { Region = "ap-northeast-1" };
            more?.Invoke(s);
            return s;
        }

        private static string AccessKeyOf(AwsContext context) => context.Credentials.GetCredentials().AccessKey;

        [Fact]
        public async Task Keys_win_over_everything()
        {
            var context = await h.ResolveAsync(Tokyo(s => { s.AccessKey = "AKIDPARAM"; s.SecretKey = "param-secret"; s.ProfileName = "dev"; }));

            Assert.Equal("AKIDPARAM", AccessKeyOf(context));
            Assert.Equal("param-secret", context.Credentials.GetCredentials().SecretKey);
            Assert.Equal("parameter -AccessKey/-SecretKey", context.CredentialSource.Source);
            Assert.Null(context.ProfileName);
        }

        [Fact]
        public async Task Session_token_parameter_makes_session_credentials()
        {
            var context = await h.ResolveAsync(Tokyo(s => { s.AccessKey = "ASIAPARAM"; s.SecretKey = "param-secret"; s.SessionToken = "tok"; }));

            Assert.Equal("tok", context.Credentials.GetCredentials().Token);
        }

        [Theory]
        [InlineData("AKIDPARAM", null)]
        [InlineData(null, "param-secret")]
        [InlineData("AKIDPARAM", "")]
        public async Task Half_a_key_pair_is_IncompleteCredentials(string? accessKey, string? secretKey)
        {
            var ex = await Assert.ThrowsAsync<PatternException>(() => h.ResolveAsync(Tokyo(s => { s.AccessKey = accessKey; s.SecretKey = secretKey; })));

            Assert.Equal("IncompleteCredentials", ex.ErrorId);
            Assert.Equal(PatternErrorCategory.InvalidArgument, ex.Category);
        }

        [Fact]
        public async Task ProfileName_parameter_wins_over_session_default_and_environment()
        {
            var context = await h.ResolveAsync(Tokyo(s => s.ProfileName = "dev"));

            Assert.Equal("AKIDDEV", AccessKeyOf(context));
            Assert.Equal("dev", context.ProfileName);
            Assert.Contains("parameter -ProfileName", context.CredentialSource.Source);
        }

        [Fact]
        public async Task Session_default_profile_wins_over_environment_keys()
        {
            var context = await h.ResolveAsync(Tokyo());

            Assert.Equal("AKIDOPS", AccessKeyOf(context));
            Assert.Contains("session default profile", context.CredentialSource.Source);
        }

        [Fact]
        public async Task Environment_keys_win_over_AWS_PROFILE()
        {
            SessionDefaults.Clear(false, true, false);
            h.Env.Set("AWS_SESSION_TOKEN", "env-token");

            var context = await h.ResolveAsync(Tokyo());

            var credentials = context.Credentials.GetCredentials();
            Assert.Equal("AKIDENV", credentials.AccessKey);
            Assert.Equal("env-token", credentials.Token);
            Assert.Equal("environment AWS_ACCESS_KEY_ID", context.CredentialSource.Source);
        }

        [Fact]
        public async Task AWS_PROFILE_wins_over_the_default_profile()
        {
            SessionDefaults.Clear(false, true, false);
            var env = new FakeEnvironment().Set("AWS_PROFILE", "envprofile").Set("AWS_ACCESS_KEY_ID", "AKIDONLYHALF");

            var context = await new AwsContextResolver(env, () => h.ImdsClient).ResolveAsync(Tokyo(), h.Log, default);

            Assert.Equal("AKIDENVPROFILE", AccessKeyOf(context));
            Assert.Contains("environment AWS_PROFILE", context.CredentialSource.Source);
        }

        [Fact]
        public async Task Default_profile_wins_over_the_instance_role()
        {
            SessionDefaults.Clear(false, true, false);
            h.ImdsEnabled = true;

            var context = await new AwsContextResolver(new FakeEnvironment(), () => h.ImdsClient).ResolveAsync(Tokyo(), h.Log, default);

            Assert.Equal("AKIDDEFAULT", AccessKeyOf(context));
            Assert.Equal("profile 'default'", context.CredentialSource.Source);
            Assert.Empty(h.Imds.Requests);
        }

        [Fact]
        public async Task Instance_role_is_the_last_resort()
        {
            SessionDefaults.Clear(false, true, false);
            using var bare = new ProfileFiles();
            h.ImdsEnabled = true;

            var context = await new AwsContextResolver(new FakeEnvironment(), () => h.ImdsClient).ResolveAsync(Tokyo(), h.Log, default);

            Assert.Equal("instance role (instance metadata)", context.CredentialSource.Source);
            var credentials = await context.Credentials.GetCredentialsAsync();
            Assert.Equal("ASIAEXAMPLEROLEKEY01", credentials.AccessKey);
            Assert.Equal("role-token", credentials.Token);
        }

        [Fact]
        public async Task Nothing_anywhere_is_NoCredentials()
        {
            SessionDefaults.Clear(false, true, false);
            using var bare = new ProfileFiles();

            var ex = await Assert.ThrowsAsync<PatternException>(() =>
                new AwsContextResolver(new FakeEnvironment(), () => h.ImdsClient).ResolveAsync(Tokyo(), h.Log, default));

            Assert.Equal("NoCredentials", ex.ErrorId);
            Assert.Equal(PatternErrorCategory.AuthenticationError, ex.Category);
        }

        [Theory]
        [InlineData("parameter")]
        [InlineData("session default")]
        [InlineData("AWS_PROFILE")]
        public async Task Missing_profile_is_ProfileNotFound_before_any_call(string how)
        {
            SessionDefaults.Clear(false, true, false);
            h.ImdsEnabled = true;
            var env = new FakeEnvironment();
            var settings = new ConnectionSettings(); // no region: a region lookup would ask instance metadata
            if (how == "parameter") settings.ProfileName = "nope";
            if (how == "session default") SessionDefaults.Set(null, "nope", null);
            if (how == "AWS_PROFILE") env.Set("AWS_PROFILE", "nope");

            var ex = await Assert.ThrowsAsync<PatternException>(() =>
                new AwsContextResolver(env, () => h.ImdsClient).ResolveAsync(settings, h.Log, default));

            Assert.Equal("ProfileNotFound", ex.ErrorId);
            Assert.Equal(PatternErrorCategory.ObjectNotFound, ex.Category);
            Assert.Contains("'nope'", ex.Message);
            Assert.Empty(h.Imds.Requests);
        }

        [Fact]
        public async Task Credential_process_profile_supplies_the_process_output()
        {
            if (OperatingSystem.IsWindows()) return; // the helper script is a shell script
            var script = Path.Combine(files.Directory, "credentials.sh");
            File.WriteAllText(script, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"process-secret\"}'\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.WriteAllText(files.ConfigPath, $"[profile proc]\nregion = ap-northeast-1\ncredential_process = {script}\n");

            var context = await h.ResolveAsync(new ConnectionSettings { ProfileName = "proc" });

            var credentials = await context.Credentials.GetCredentialsAsync();
            Assert.Equal("AKIDPROCESS", credentials.AccessKey);
            Assert.Equal("process-secret", credentials.SecretKey);
            Assert.Equal("ap-northeast-1", context.Region.Value);
            Assert.Equal("proc", context.ProfileName);
        }

        [Fact]
        public async Task Different_secrets_give_different_identities_without_the_secret_in_it()
        {
            var a = await h.ResolveAsync(Tokyo(s => { s.AccessKey = "AKIDSAME"; s.SecretKey = "secret-one"; }));
            var b = await h.ResolveAsync(Tokyo(s => { s.AccessKey = "AKIDSAME"; s.SecretKey = "secret-two"; }));

            Assert.NotEqual(a.CredentialIdentity, b.CredentialIdentity);
            Assert.DoesNotContain("secret-one", a.CredentialIdentity);
        }
    }
}
