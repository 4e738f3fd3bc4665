using System.Linq;
using CloudDesignPatterns.Sandbox.Iam;

namespace CloudDesignPatterns.Tests.Iam
{
    public class PolicyDocumentParseTests
    {
        [Fact]
        public void Parses_a_full_statement()
        {
            var doc = PolicyDocument.Parse(@"{
              ""Version"": ""2012-10-17"",
              ""Id"": ""p1"",
              ""Statement"": [{
                ""Sid"": ""Snap1"",
                ""Effect"": ""Allow"",
                ""Action"": [""ec2:CreateSnapshots"", ""ec2:CreateImage""],
                ""Resource"": ""arn:aws:ec2:*::snapshot/*"",
                ""Condition"": {
                  ""StringEquals"": { ""aws:RequestTag/cdp:managed-by"": ""CloudDesignPatterns"", ""ec2:Region"": [""eu-west-1"", ""eu-central-1""] },
                  ""ForAnyValue:StringLikeIfExists"": { ""aws:TagKeys"": ""cdp:*"" },
                  ""Bool"": { ""aws:SecureTransport"": true },
                  ""NumericLessThan"": { ""ec2:VolumeSize"": 100 }
                }
              }]
            }");

            Assert.Equal("2012-10-17", doc.Version);
            Assert.Equal("p1", doc.Id);
            var s = Assert.Single(doc.Statements);
            Assert.Equal("Snap1", s.Sid);
            Assert.Equal(StatementEffect.Allow, s.Effect);
            Assert.Equal(new[] { "ec2:CreateSnapshots", "ec2:CreateImage" }, s.Actions);
            Assert.Null(s.NotActions);
            Assert.Equal(new[] { "arn:aws:ec2:*::snapshot/*" }, s.Resources);
            Assert.Equal(5, s.Conditions.Count);

            var region = s.Conditions.Single(c => c.Key == "ec2:Region");
            Assert.Equal(new[] { "eu-west-1", "eu-central-1" }, region.Values);
            Assert.Equal("StringEquals", region.Operator);

            var tagKeys = s.Conditions.Single(c => c.Key == "aws:TagKeys");
            Assert.Equal(SetOperator.ForAnyValue, tagKeys.SetOperator);
            Assert.Equal("StringLike", tagKeys.Operator);
            Assert.True(tagKeys.IfExists);
            Assert.Equal("ForAnyValue:StringLikeIfExists", tagKeys.OperatorText);

            Assert.Equal(new[] { "true" }, s.Conditions.Single(c => c.Key == "aws:SecureTransport").Values);
            Assert.Equal(new[] { "100" }, s.Conditions.Single(c => c.Key == "ec2:VolumeSize").Values);
        }

        [Fact]
        public void Statement_may_be_a_single_object_and_Version_may_be_omitted()
        {
            var doc = PolicyDocument.Parse(@"{ ""Statement"": { ""Effect"": ""Deny"", ""NotAction"": ""ec2:Describe*"", ""NotResource"": ""*"" } }");
            Assert.Equal("2008-10-17", doc.Version);
            var s = Assert.Single(doc.Statements);
            Assert.Equal(StatementEffect.Deny, s.Effect);
            Assert.Null(s.Sid);
            Assert.Equal(new[] { "ec2:Describe*" }, s.NotActions);
            Assert.Equal(new[] { "*" }, s.NotResources);
            Assert.Empty(s.Conditions);
        }

        [Theory]
        [InlineData("not json", "not valid JSON")]
        [InlineData("[]", "must be a JSON object")]
        [InlineData(@"{""Version"":""2012-10-17""}", "no Statement")]
        [InlineData(@"{""Version"":""2020-01-01"",""Statement"":[]}", "Version must be")]
        [InlineData(@"{""Version"":""2012-10-17"",""Statement"":[]}", "at least one statement")]
        [InlineData(@"{""Version"":""2012-10-17"",""Statement"":""x""}", "Statement must be an object or an array")]
        [InlineData(@"{""Version"":""2012-10-17"",""statement"":[]}", "unknown element 'statement'")]
        [InlineData(@"{""Statement"":{""Action"":""ec2:*"",""Resource"":""*""}}", "no Effect")]
        [InlineData(@"{""Statement"":{""Effect"":""allow"",""Action"":""ec2:*"",""Resource"":""*""}}", "Effect must be \"Allow\" or \"Deny\"")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Resource"":""*""}}", "neither Action nor NotAction")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""NotAction"":""s3:*"",""Resource"":""*""}}", "both Action and NotAction")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*""}}", "neither Resource nor NotResource")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":[],""Resource"":""*""}}", "must not be an empty array")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":[1],""Resource"":""*""}}", "only strings")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":{},""Resource"":""*""}}", "string or an array of strings")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""DescribeInstances"",""Resource"":""*""}}", "is not an action")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""i-123""}}", "must be an ARN")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Principal"":""*"",""Action"":""ec2:*"",""Resource"":""*""}}", "must not name a principal")]
        [InlineData(@"{""Statement"":{""Sid"":""has space"",""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*""}}", "only letters")]
        [InlineData(@"{""Statement"":[{""Sid"":""A"",""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*""},{""Sid"":""A"",""Effect"":""Deny"",""Action"":""ec2:*"",""Resource"":""*""}]}", "reuses Sid 'A'")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":[]}}", "Condition must be an object")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""StringEqual"":{""k"":""v""}}}}", "unknown condition operator 'StringEqual'")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""ForSomeValues:StringEquals"":{""k"":""v""}}}}", "unknown condition operator")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""StringEquals"":""v""}}}", "must map to an object")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""StringEquals"":{}}}}", "names no condition key")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""StringEquals"":{""k"":[]}}}}", "at least one value")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""StringEquals"":{""k"":{""a"":1}}}}}", "string, number or boolean")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""NumericLessThan"":{""k"":""ten""}}}}", "'ten' is not a number")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""Bool"":{""k"":""yes""}}}}", "'yes' is not true or false")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""Null"":{""k"":""maybe""}}}}", "Null takes true or false")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""NullIfExists"":{""k"":""true""}}}}", "Null takes neither")]
        [InlineData(@"{""Statement"":{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*"",""Condition"":{""IpAddress"":{""aws:SourceIp"":""10.0.0.0/33""}}}}", "is not an IP address or CIDR block")]
        public void Rejects_malformed_documents_with_a_message_naming_the_fault(string json, string expectedFragment)
        {
            var e = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(json));
            Assert.Contains(expectedFragment, e.Message);
        }

        [Fact]
        public void Error_message_names_the_statement_by_index_and_sid()
        {
            var e = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(
                @"{""Statement"":[{""Effect"":""Allow"",""Action"":""ec2:*"",""Resource"":""*""},{""Sid"":""Second"",""Effect"":""Allow"",""Action"":""ec2:*""}]}"));
            Assert.Contains("Statement 1 ('Second')", e.Message);
        }
    }
}
