#Requires -Version 7.0
# Move-FloatingIp and Get-FloatingIp against the sandbox, run as a principal holding EXACTLY the published FloatingIp
# role (Get-PatternIamPolicy FloatingIp), so least privilege is proven, not claimed. Each test asserts on the typed
# result, on the association read back from the sandbox (raw XML, the AWS CLI, instance metadata) and on the calls made.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -ErrorAction Stop
    $script:Role = Get-PatternIamPolicy FloatingIp FloatingIp
    $script:As = (Register-CdpPrincipal -AccessKeyId AKIDFLOATINGROLE -Policy $Role).Splat
    $script:Eip = 'eipalloc-0a1b2c3d4e5f60501'
    $script:PublicIp = '203.0.113.10'
    $script:Web2Eni = 'eni-0a1b2c3d4e5f60202'
    $script:Floating = '10.0.1.50'   # a secondary private IP in subnet A (web-1 and db-1)

    # A raw EC2 Query call as the unchecked admin, for setting the scene and reading state without our cmdlets.
    function script:Invoke-RawEc2([string] $Action, [hashtable] $Parameters = @{}) {
        $pairs = @("Action=$Action", 'Version=2016-11-15') + @($Parameters.GetEnumerator() | ForEach-Object {
                [uri]::EscapeDataString($_.Key) + '=' + [uri]::EscapeDataString([string]$_.Value) })
        $date = [DateTime]::UtcNow
        $headers = @{
            Authorization = "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXADMIN/$($date.ToString('yyyyMMdd'))/$($Seed.Region)/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
            'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
        }
        $response = Invoke-WebRequest -Uri $Sandbox.EndpointUrl -Method Post -Body ($pairs -join '&') -Headers $headers `
            -ContentType 'application/x-www-form-urlencoded; charset=utf-8' -SkipHttpErrorCheck -SkipHeaderValidation
        [pscustomobject]@{ StatusCode = [int]$response.StatusCode; Xml = [xml]$response.Content }
    }

    function script:Get-RawAddress {
        (Invoke-RawEc2 DescribeAddresses @{ 'AllocationId.1' = $Eip }).Xml.DescribeAddressesResponse.addressesSet.item
    }

    function script:Get-RawPrivateIps([string] $Eni) {
        $answer = Invoke-RawEc2 DescribeNetworkInterfaces @{ 'NetworkInterfaceId.1' = $Eni }
        @($answer.Xml.DescribeNetworkInterfacesResponse.networkInterfaceSet.item.privateIpAddressesSet.item.privateIpAddress)
    }

    # An IMDSv2 read of the current sandbox instance.
    function script:Get-Imds([string] $Path) {
        $token = Invoke-RestMethod -Method Put -Uri "$($Sandbox.EndpointUrl.TrimEnd("/"))/latest/api/token" -Headers @{ 'X-aws-ec2-metadata-token-ttl-seconds' = '60' }
        $r = Invoke-WebRequest -Uri "$($Sandbox.EndpointUrl.TrimEnd("/"))/latest/meta-data/$Path" -Headers @{ 'X-aws-ec2-metadata-token' = $token } -SkipHttpErrorCheck
        if ($r.StatusCode -eq 200) { [string]$r.Content } else { $null }
    }

    # The Elastic IP back on web-1, the floating private IP on db-1, no faults, web-1 is "this instance".
    function script:Reset-Scene {
        Set-PatternSandbox -ClearFaults -CurrentInstanceId $Seed.Web1
        # The role may move only Elastic IPs tagged to float.
        (Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $Eip; 'Tag.1.Key' = 'cdp:floating-ip:failover'; 'Tag.1.Value' = 'enabled' }).StatusCode | Should -Be 200
        (Invoke-RawEc2 AssociateAddress @{ AllocationId = $Eip; NetworkInterfaceId = $Seed.Web1Eni; AllowReassociation = 'true' }).StatusCode | Should -Be 200
        (Invoke-RawEc2 AssignPrivateIpAddresses @{ NetworkInterfaceId = $Seed.Db1Eni; 'PrivateIpAddress.1' = $Floating; AllowReassignment = 'true' }).StatusCode | Should -Be 200
    }

    function script:Get-StepCall([long] $Mark) { @(Get-CdpCallSince -Mark $Mark) }
    $script:Mutating = 'AssociateAddress', 'DisassociateAddress', 'AssignPrivateIpAddresses', 'UnassignPrivateIpAddresses'
}

AfterAll { Stop-CdpSandbox }

Describe 'Move-FloatingIp: an Elastic IP from web-1 to web-2' {
    BeforeAll {
        Reset-Scene
        $script:Mark = Get-CdpCallMark
        $script:Result = Move-FloatingIp -AllocationId $Eip -InstanceId $Seed.Web2 -Confirm:$false @As
        $script:Calls = Get-StepCall $Mark
    }

    It 'returns a typed result naming the previous and the new holder' {
        $Result | Should -BeOfType ([CloudDesignPatterns.Model.FloatingIp.FloatingIpMoveResult])
        $Result.Region | Should -Be $Seed.Region
        $Result.Kind | Should -Be 'ElasticIp'
        $Result.AllocationId | Should -Be $Eip
        $Result.PublicIp | Should -Be $PublicIp
        $Result.PreviousInstanceId | Should -Be $Seed.Web1
        $Result.PreviousNetworkInterfaceId | Should -Be $Seed.Web1Eni
        $Result.InstanceId | Should -Be $Seed.Web2
        $Result.NetworkInterfaceId | Should -Be $Web2Eni
        $Result.PrivateIpAddress | Should -Be '10.0.2.10'
        $Result.Outcome | Should -Be 'Moved'
        $Result.AssociationId | Should -Match '^eipassoc-'
        $Result.MetadataConfirmed | Should -BeNullOrEmpty -Because 'only -Self waits for instance metadata'
    }

    It 'made one AssociateAddress with reassociation, between the describes and the read-back' {
        $Calls | Should -HaveCount 4
        # The address and the target are described concurrently (either may come first), then the move, then the read-back.
        @($Calls[0..1].Action | Sort-Object) | Should -Be @('DescribeAddresses', 'DescribeNetworkInterfaces')
        $Calls[2].Action | Should -Be 'AssociateAddress'
        @($Calls | Where-Object Action -in $Mutating) | Should -HaveCount 1
        $associate = $Calls | Where-Object Action -eq AssociateAddress
        $associate.Parameters.AllowReassociation | Should -Be 'true'
        $associate.Parameters.NetworkInterfaceId | Should -Be $Web2Eni
        $associate.Parameters.PrivateIpAddress | Should -Be '10.0.2.10'
        $Calls[-1].Action | Should -Be 'DescribeAddresses' -Because 'the move is verified by reading the association back'
        @($Calls | Where-Object Action -like 'Describe*') | Should -HaveCount 3
    }

    It 'is what the sandbox holds, and the AWS CLI sees the same' -Skip:(-not (Get-Command aws -CommandType Application -ErrorAction SilentlyContinue)) {
        (Get-RawAddress).networkInterfaceId | Should -Be $Web2Eni
        (Get-RawAddress).instanceId | Should -Be $Seed.Web2
        $env:AWS_ACCESS_KEY_ID = 'AKIDCLI'; $env:AWS_SECRET_ACCESS_KEY = 'x'
        try { $cli = (& aws ec2 describe-addresses --allocation-ids $Eip --endpoint-url $Sandbox.EndpointUrl --region $Seed.Region --output json) -join "`n" | ConvertFrom-Json }
        finally { Remove-Item env:AWS_ACCESS_KEY_ID, env:AWS_SECRET_ACCESS_KEY }
        $cli.Addresses[0].InstanceId | Should -Be $Seed.Web2
        $cli.Addresses[0].NetworkInterfaceId | Should -Be $Web2Eni
        $cli.Addresses[0].PrivateIpAddress | Should -Be '10.0.2.10'
    }

    It 'Get-FloatingIp shows it on web-2' {
        $now = Get-FloatingIp -AllocationId $Eip @As
        $now | Should -BeOfType ([CloudDesignPatterns.Model.FloatingIp.FloatingIpAddress])
        $now.HolderInstanceId | Should -Be $Seed.Web2
        $now.HolderNetworkInterfaceId | Should -Be $Web2Eni
        $now.PrivateIpAddress | Should -Be '10.0.2.10'
        $now.PublicIp | Should -Be $PublicIp
        $now.Region | Should -Be $Seed.Region
    }

    It 'a second move sends no mutating call and says AlreadyCurrent' {
        $mark = Get-CdpCallMark
        $again = Get-FloatingIp -AllocationId $Eip @As | Move-FloatingIp -InstanceId $Seed.Web2 @As
        $again.Outcome | Should -Be 'AlreadyCurrent'
        @(Get-StepCall $mark | Where-Object Action -in $Mutating) | Should -HaveCount 0
    }

    It '-WhatIf sends no mutating call' {
        $mark = Get-CdpCallMark
        Move-FloatingIp -PublicIp $PublicIp -InstanceId $Seed.Web1 -WhatIf @As | Should -BeNullOrEmpty
        @(Get-StepCall $mark | Where-Object Action -in $Mutating) | Should -HaveCount 0
        (Get-RawAddress).networkInterfaceId | Should -Be $Web2Eni
    }
}

Describe 'Move-FloatingIp -Self: Cloud DI and instance metadata' {
    BeforeAll {
        Reset-Scene
        Invoke-RawEc2 AssociateAddress @{ AllocationId = $Eip; NetworkInterfaceId = $Web2Eni; AllowReassociation = 'true' } | Out-Null
        Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $Seed.Web1; 'Tag.1.Key' = 'cdp:floating-ip:allocation-id'; 'Tag.1.Value' = $Eip } | Out-Null
    }
    AfterAll { Invoke-RawEc2 DeleteTags @{ 'ResourceId.1' = $Seed.Web1; 'Tag.1.Key' = 'cdp:floating-ip:allocation-id' } | Out-Null }

    It 'takes the Elastic IP named by the tag cdp:floating-ip:allocation-id with no argument, and waits until metadata shows it' {
        Get-Imds "network/interfaces/macs/0a:1b:2c:3d:4e:01/public-ipv4s" | Should -BeNullOrEmpty
        $mark = Get-CdpCallMark
        $result = Move-FloatingIp -Self -Confirm:$false @As
        $result.AllocationId | Should -Be $Eip
        $result.InstanceId | Should -Be $Seed.Web1
        $result.PreviousInstanceId | Should -Be $Seed.Web2
        $result.Outcome | Should -Be 'Moved'
        $result.MetadataConfirmed | Should -BeTrue
        Get-Imds "network/interfaces/macs/0a:1b:2c:3d:4e:01/public-ipv4s" | Should -Be $PublicIp
        Get-Imds 'public-ipv4' | Should -Be $PublicIp
        Get-Imds "network/interfaces/macs/0a:1b:2c:3d:4e:01/ipv4-associations/$PublicIp" | Should -Be '10.0.1.10'
        @(Get-StepCall $mark | Where-Object Action -in $Mutating) | Should -HaveCount 1
        $imds = @(Get-CdpCallSince -Mark $mark -IncludeImds | Where-Object Service -eq 'imds')
        $imds.Count | Should -BeGreaterThan 0
    }

    It 'moves a secondary private IP from db-1 to this instance (same subnet) and sees it in local-ipv4s' {
        $mark = Get-CdpCallMark
        $result = Move-FloatingIp -PrivateIp $Floating -Self -Confirm:$false @As
        $result.Kind | Should -Be 'SecondaryPrivateIp'
        $result.PrivateIp | Should -Be $Floating
        $result.PreviousInstanceId | Should -Be $Seed.Db1
        $result.PreviousNetworkInterfaceId | Should -Be $Seed.Db1Eni
        $result.InstanceId | Should -Be $Seed.Web1
        $result.Outcome | Should -Be 'Moved'
        $result.MetadataConfirmed | Should -BeTrue
        $assign = @(Get-StepCall $mark | Where-Object Action -in $Mutating)
        $assign | Should -HaveCount 1
        $assign[0].Action | Should -Be 'AssignPrivateIpAddresses'
        $assign[0].Parameters.AllowReassignment | Should -Be 'true'
        $assign[0].Parameters.NetworkInterfaceId | Should -Be $Seed.Web1Eni
        Get-RawPrivateIps $Seed.Web1Eni | Should -Contain $Floating
        Get-RawPrivateIps $Seed.Db1Eni | Should -Not -Contain $Floating
        (Get-Imds 'network/interfaces/macs/0a:1b:2c:3d:4e:01/local-ipv4s') -split "`n" | Should -Contain $Floating
        (Get-FloatingIp -PrivateIp $Floating @As).HolderInstanceId | Should -Be $Seed.Web1
    }

    It 'with instance metadata down, fails with a clear error before any EC2 call' {
        Set-PatternSandbox -ImdsDown
        try {
            $mark = Get-CdpCallMark
            $err = Get-CdpError { Move-FloatingIp -Self -Confirm:$false @As }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Match '^Imds'
            @(Get-StepCall $mark | Where-Object Service -eq 'ec2' | Where-Object Action -in $Mutating) | Should -HaveCount 0
        }
        finally { Set-PatternSandbox -ClearFaults }
    }
}

Describe 'Move-FloatingIp refuses what AWS cannot do, before any change' {
    BeforeAll { Reset-Scene }

    It 'a secondary private IP across subnets (web-2 is in subnet C), with an explanation' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Move-FloatingIp -PrivateIp $Floating -InstanceId $Seed.Web2 -Confirm:$false @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'CrossSubnetPrivateIp*'
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.Exception.Message | Should -Match 'only move within its subnet'
        $err.Exception.Message | Should -Match 'Elastic IP'
        @(Get-StepCall $mark | Where-Object Action -in $Mutating) | Should -HaveCount 0
        Get-RawPrivateIps $Seed.Db1Eni | Should -Contain $Floating
    }

    It 'a private IP nobody holds that lies outside the target subnet' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Move-FloatingIp -PrivateIp '10.0.9.9' -InstanceId $Seed.Web1 -Confirm:$false @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'PrivateIpOutsideSubnet*'
        @(Get-StepCall $mark | Where-Object Action -in $Mutating) | Should -HaveCount 0
    }

    It 'bad input with no AWS call at all: <Case>' -ForEach @(
        @{ Case = 'malformed allocation id'; Splat = @{ AllocationId = 'eipalloc-XYZ'; InstanceId = 'i-0a1b2c3d4e5f60102' }; Id = 'InvalidAllocationId' }
        @{ Case = 'malformed private IP'; Splat = @{ PrivateIp = '10.0.1.300'; InstanceId = 'i-0a1b2c3d4e5f60102' }; Id = 'InvalidPrivateIp' }
        @{ Case = 'two kinds of address'; Splat = @{ PublicIp = '203.0.113.10'; PrivateIp = '10.0.1.50'; InstanceId = 'i-0a1b2c3d4e5f60102' }; Id = 'AmbiguousFloatingIp' }
        @{ Case = 'no address off the instance'; Splat = @{ NetworkInterfaceId = 'eni-0a1b2c3d4e5f60202' }; Id = 'FloatingIpRequired' }
        @{ Case = 'malformed instance id'; Splat = @{ AllocationId = 'eipalloc-0a1b2c3d4e5f60501'; InstanceId = 'web-2' }; Id = 'InvalidInstanceId' }
        @{ Case = 'malformed -ToPrivateIp'; Splat = @{ AllocationId = 'eipalloc-0a1b2c3d4e5f60501'; InstanceId = 'i-0a1b2c3d4e5f60102'; ToPrivateIp = 'ten' }; Id = 'InvalidToPrivateIp' }
    ) {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Move-FloatingIp @Splat -Confirm:$false @As }
        $err.FullyQualifiedErrorId | Should -BeLike "$Id*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-StepCall $mark | Where-Object Action -ne 'DescribeRegions') | Should -HaveCount 0
    }

    It '-ToPrivateIp that the target does not have' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Move-FloatingIp -AllocationId $Eip -InstanceId $Seed.Web2 -ToPrivateIp '10.0.2.99' -Confirm:$false @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'PrivateIpNotOnTarget*'
        @(Get-StepCall $mark | Where-Object Action -in $Mutating) | Should -HaveCount 0
    }

    It 'an Elastic IP that does not exist is ObjectNotFound, with the AWS error code' {
        $err = Get-CdpError { Move-FloatingIp -AllocationId 'eipalloc-0a1b2c3d4e5f69999' -InstanceId $Seed.Web2 -Confirm:$false @As }
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.FullyQualifiedErrorId | Should -BeLike 'AwsCallFailed.InvalidAllocationID.NotFound*'
    }
}

Describe 'Faults and permissions' {
    BeforeEach { Reset-Scene }

    It 'a dropped answer after AssociateAddress took effect is recognised on read-back' {
        Set-PatternSandbox -DropNext 1 -DropMode AfterExecute -FaultAction AssociateAddress
        $result = Move-FloatingIp -AllocationId $Eip -InstanceId $Seed.Web2 -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue @As
        $result.Outcome | Should -Be 'Moved'
        (Get-RawAddress).networkInterfaceId | Should -Be $Web2Eni
    }

    It 'without ec2:AssociateAddress the move fails, names the missing action, and the address stays' {
        $denied = (Register-CdpPrincipal -AccessKeyId AKIDFLOATINGNOASSOC -Policy (Remove-CdpPolicyAction $Role 'ec2:AssociateAddress')).Splat
        $result = Move-FloatingIp -AllocationId $Eip -InstanceId $Seed.Web2 -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue @denied
        $result.Outcome | Should -Be 'Failed'
        $failed | Should -HaveCount 1
        $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'ec2:AssociateAddress'
        (Get-RawAddress).networkInterfaceId | Should -Be $Seed.Web1Eni
    }
}

Describe 'The FloatingIp role moves only Elastic IPs tagged cdp:floating-ip:failover=enabled' {
    BeforeAll { Reset-Scene }
    AfterAll { Reset-Scene }

    It 'an untagged Elastic IP is refused by IAM (the error names ec2:AssociateAddress) and stays where it is' {
        (Invoke-RawEc2 DeleteTags @{ 'ResourceId.1' = $Eip; 'Tag.1.Key' = 'cdp:floating-ip:failover' }).StatusCode | Should -Be 200
        $result = Move-FloatingIp -AllocationId $Eip -InstanceId $Seed.Web2 -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue @As
        $result.Outcome | Should -Be 'Failed'
        $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'ec2:AssociateAddress'
        (Get-RawAddress).networkInterfaceId | Should -Be $Seed.Web1Eni
    }
}

Describe 'Sandbox: AWS rules for Elastic IPs and secondary private IPs' {
    BeforeEach { Reset-Scene }

    It 'AssociateAddress without AllowReassociation is Resource.AlreadyAssociated while the address is held' {
        $answer = Invoke-RawEc2 AssociateAddress @{ AllocationId = $Eip; NetworkInterfaceId = $Web2Eni }
        $answer.StatusCode | Should -Be 400
        $answer.Xml.Response.Errors.Error.Code | Should -Be 'Resource.AlreadyAssociated'
        (Get-RawAddress).networkInterfaceId | Should -Be $Seed.Web1Eni
    }

    It 'AssociateAddress without AllowReassociation onto an address that holds another Elastic IP is refused too' {
        $other = (Invoke-RawEc2 AllocateAddress).Xml.AllocateAddressResponse.allocationId
        $answer = Invoke-RawEc2 AssociateAddress @{ AllocationId = $other; NetworkInterfaceId = $Seed.Web1Eni }
        $answer.Xml.Response.Errors.Error.Code | Should -Be 'Resource.AlreadyAssociated'
    }

    It 'DisassociateAddress clears the association and IMDS stops showing it' {
        (Invoke-RawEc2 DisassociateAddress @{ AssociationId = (Get-RawAddress).associationId }).StatusCode | Should -Be 200
        (Get-RawAddress).associationId | Should -BeNullOrEmpty
        Get-Imds 'public-ipv4' | Should -BeNullOrEmpty
        (Get-FloatingIp -AllocationId $Eip @As).IsAssociated | Should -BeFalse
    }

    It 'AssignPrivateIpAddresses: <Case> is <Code>' -ForEach @(
        @{ Case = 'an address outside the subnet'; Ip = '10.0.2.77'; Reassign = 'true'; Code = 'InvalidParameterValue' }
        @{ Case = 'a held address without AllowReassignment'; Ip = '10.0.1.50'; Reassign = 'false'; Code = 'InvalidIPAddress.InUse' }
        @{ Case = "another interface's primary address"; Ip = '10.0.1.20'; Reassign = 'true'; Code = 'InvalidIPAddress.InUse' }
        @{ Case = 'a reserved address'; Ip = '10.0.1.3'; Reassign = 'true'; Code = 'InvalidParameterValue' }
    ) {
        $answer = Invoke-RawEc2 AssignPrivateIpAddresses @{ NetworkInterfaceId = $Seed.Web1Eni; 'PrivateIpAddress.1' = $Ip; AllowReassignment = $Reassign }
        $answer.StatusCode | Should -Be 400
        $answer.Xml.Response.Errors.Error.Code | Should -Be $Code
        Get-RawPrivateIps $Seed.Web1Eni | Should -Not -Contain $Ip
    }
}
