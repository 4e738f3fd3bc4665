using System;
using System.Net;
using System.Text;
using Amazon.EC2;
using Amazon.Runtime;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>EC2's error answer (&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;…) as the exception the SDK would throw.</summary>
    internal static class Ec2QueryErrors
    {
        private static readonly byte[] Errors = Encoding.UTF8.GetBytes("Errors");
        private static readonly byte[] Error = Encoding.UTF8.GetBytes("Error");
        private static readonly byte[] Code = Encoding.UTF8.GetBytes("Code");
        private static readonly byte[] Message = Encoding.UTF8.GetBytes("Message");
        private static readonly byte[] RequestId = Encoding.UTF8.GetBytes("RequestID");

        public static AmazonEC2Exception ToException(byte[] body, int length, HttpStatusCode status)
        {
            string? code = null, message = null, requestId = null;
            try
            {
                var xml = new Ec2XmlScanner(body, length);
                if (xml.ReadRoot())
                    while (xml.NextChild())
                    {
                        if (xml.NameIs(RequestId)) { requestId = xml.ReadText(); continue; }
                        if (!xml.NameIs(Errors)) { xml.Skip(); continue; }
                        while (xml.NextChild())
                        {
                            if (!xml.NameIs(Error) || code != null) { xml.Skip(); continue; }
                            while (xml.NextChild())
                                if (xml.NameIs(Code)) code = xml.ReadText();
                                else if (xml.NameIs(Message)) message = xml.ReadText();
                                else xml.Skip();
                        }
                    }
            }
            catch (FormatException) { /* not EC2's error XML (a proxy's page): the status alone speaks */ }
            var type = (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
            return new AmazonEC2Exception(message ?? $"HTTP {(int)status} {status}", type, code ?? "", requestId ?? "", status);
        }
    }
}
