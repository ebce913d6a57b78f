using Agensium.Scheduler.Hosting;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddAgensiumStorage(this IServiceCollection services)
    {
        services.AddOptions<S3Options>().BindConfiguration(S3Options.Section, StrictBinding.Configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IAmazonS3>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<S3Options>>().Value;
            var config = new AmazonS3Config
            {
                ForcePathStyle = o.ForcePathStyle,
                AuthenticationRegion = o.Region,
                Timeout = o.Timeout,
                MaxErrorRetry = 2,
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            };
            if (string.IsNullOrEmpty(o.ServiceUrl))
            {
                config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(o.Region);
            }
            else
            {
                config.ServiceURL = o.ServiceUrl;
            }
            return string.IsNullOrEmpty(o.AccessKey)
                ? new AmazonS3Client(config)
                : new AmazonS3Client(new BasicAWSCredentials(o.AccessKey, o.SecretKey), config);
        });
        services.AddSingleton<ObjectStoreCircuit>();
        services.AddSingleton<IObjectStore, S3ObjectStore>();
        return services;
    }
}
