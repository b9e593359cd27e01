// Package s3api is the app's only door to S3 (aws-sdk-go-v2): connect with static keys or the
// standard AWS chain, identify the caller, list one level or walk a prefix in key order, head
// objects and read byte ranges. Retries, timeouts, region redirects and custom endpoints live
// here, once. It never writes local files and never logs a secret or a presigned URL; every
// error it returns is an *apperr.Error whose Details name the action, bucket and key.
package s3api

import (
	"cmp"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"vpack-s3-sync/backend/apperr"
)

// Config says where and as whom to connect. The zero values of the tuning fields get defaults.
// It holds a secret: log it only through its LogValue, which leaves the secrets out.
type Config struct {
	AccessKeyID, SecretAccessKey, SessionToken string
	Region                                     string // "" → us-east-1 for custom endpoints; auto-detected per bucket on AWS
	Endpoint                                   string // custom S3-compatible endpoint URL; "" = AWS
	PathStyle                                  bool   // forced true when Endpoint != "" unless VirtualHosted is set
	VirtualHosted                              bool
	Profile                                    string // with UseDefaultChain: AWS_PROFILE-like
	// UseDefaultChain reads env vars (AWS_ACCESS_KEY_ID…, AWS_REGION, AWS_PROFILE,
	// AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL) and the ~/.aws files, for the CLI. Keys and an
	// Endpoint given here still win over the chain's.
	UseDefaultChain bool
	RequestTimeout  time.Duration // idle/per-attempt timeout; default 60s
	MaxAttempts     int           // default 5
}

// LogValue shows the connection without its secrets.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("access_key_id", c.AccessKeyID),
		slog.String("region", c.Region),
		slog.String("endpoint", c.Endpoint),
		slog.String("profile", c.Profile),
		slog.Bool("default_chain", c.UseDefaultChain),
	)
}

const (
	defaultRegion         = "us-east-1"
	defaultRequestTimeout = 60 * time.Second
	defaultMaxAttempts    = 5
	// Parallel ranged GETs of several files at once keep many connections to one host busy;
	// the standard library keeps only 2 idle per host, so most would be redialled.
	maxIdleConnsPerHost = 64
)

// Client is safe for concurrent use. Create it with Connect.
type Client struct {
	endpoint string // custom endpoint in use ("" = AWS), from Config or the AWS chain
	region   string
	base     *s3.Client
	sts      *sts.Client

	mu       sync.Mutex
	regions  map[string]string     // bucket → region learned from a redirect or HeadBucket
	regional map[string]*s3.Client // region → client for buckets outside the default region
}

// Connect builds a client; it sends no request (use Identity or Validate to check the keys).
func Connect(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = defaultRequestTimeout
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = defaultMaxAttempts
	}
	if !cfg.UseDefaultChain && (cfg.AccessKeyID == "" || cfg.SecretAccessKey == "") {
		return nil, apperr.New(apperr.AuthNoCredentials).With("action", actionConnect)
	}
	if cfg.Endpoint != "" {
		if u, err := url.Parse(cfg.Endpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, apperr.New(apperr.InvalidInput).With("action", actionConnect).With("field", "endpoint").With("endpoint", cfg.Endpoint)
		}
	}

	awsCfg, err := awsConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if awsCfg.Region == "" {
		awsCfg.Region = defaultRegion
	}
	awsCfg.APIOptions = append(awsCfg.APIOptions[:len(awsCfg.APIOptions):len(awsCfg.APIOptions)], addRequestCounter)

	c := &Client{
		region:   awsCfg.Region,
		regions:  map[string]string{},
		regional: map[string]*s3.Client{},
	}
	c.base = s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
		} else if !cfg.UseDefaultChain {
			// Static keys mean "this account on AWS": an AWS_ENDPOINT_URL left in the
			// environment must not send them elsewhere.
			o.BaseEndpoint = nil
		}
		o.UsePathStyle = cfg.PathStyle || (o.BaseEndpoint != nil && !cfg.VirtualHosted)
		// transfer verifies every download itself (size, the ETag's MD5, a SHA-256 when one
		// is given): the SDK hashing the same bytes again (CRC-64/NVME…) only costs CPU.
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
		o.DisableLogOutputChecksumValidationSkipped = true
	})
	c.endpoint = aws.ToString(c.base.Options().BaseEndpoint)
	c.sts = sts.NewFromConfig(awsCfg, func(o *sts.Options) {
		if c.endpoint != "" {
			// S3-compatible stores rarely speak STS; one quick probe is enough before
			// falling back to ListBuckets.
			o.BaseEndpoint = aws.String(c.endpoint)
			o.RetryMaxAttempts = 1
		} else if !cfg.UseDefaultChain {
			o.BaseEndpoint = nil
		}
	})
	return c, nil
}

// awsConfig builds the SDK configuration. Static keys mean "exactly this account": the
// user's AWS_PROFILE, ~/.aws files and AWS_ENDPOINT_URL must not change or break it, so only
// AWS_CA_BUNDLE is taken from the environment. The default chain reads all of them.
func awsConfig(ctx context.Context, cfg Config) (aws.Config, error) {
	retryer := func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = cfg.MaxAttempts
			// One person's sync, not a fleet: a long outage must not empty the retry quota
			// so that later requests fail on their first hiccup.
			o.RateLimiter = ratelimit.None
		})
	}
	if !cfg.UseDefaultChain {
		httpClient, err := withCABundle(newHTTPClient(cfg.RequestTimeout), os.Getenv("AWS_CA_BUNDLE"))
		if err != nil {
			return aws.Config{}, err
		}
		return aws.Config{
			Region:      cmp.Or(cfg.Region, defaultRegion),
			Credentials: credentials.NewStaticCredentialsProvider(cfg.AccessKeyID, cfg.SecretAccessKey, cfg.SessionToken),
			HTTPClient:  httpClient,
			Retryer:     retryer,
		}, nil
	}
	opts := []func(*config.LoadOptions) error{
		// The SDK adds AWS_CA_BUNDLE only to a BuildableClient: never pass a plain *http.Client.
		config.WithHTTPClient(newHTTPClient(cfg.RequestTimeout)),
		config.WithRetryer(retryer),
	}
	if cfg.Region != "" {
		opts = append(opts, config.WithRegion(cfg.Region))
	}
	if cfg.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(cfg.Profile))
	}
	if cfg.AccessKeyID != "" {
		opts = append(opts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(cfg.AccessKeyID, cfg.SecretAccessKey, cfg.SessionToken)))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		e := apperr.Classify(err)
		if e.Code == apperr.Internal { // an unknown profile or a broken ~/.aws file
			e = apperr.Wrap(apperr.InvalidInput, err).With("field", "profile")
			if cfg.Profile != "" {
				e.With("profile", cfg.Profile)
			}
		}
		return aws.Config{}, e.With("action", actionConnect)
	}
	return awsCfg, nil
}

// withCABundle trusts the PEM bundle's certificates as well as the system's, as the SDK does
// for AWS_CA_BUNDLE (office PCs behind a TLS-inspecting proxy need it).
func withCABundle(hc *awshttp.BuildableClient, path string) (*awshttp.BuildableClient, error) {
	if path == "" {
		return hc, nil
	}
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, apperr.Wrap(apperr.NetTLS, fmt.Errorf("read AWS_CA_BUNDLE: %w", err)).
			With("action", actionConnect).With("path", path)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, apperr.Wrap(apperr.NetTLS, errors.New("AWS_CA_BUNDLE holds no PEM certificate")).
			With("action", actionConnect).With("path", path)
	}
	return hc.WithTransportOptions(func(tr *http.Transport) {
		if tr.TLSClientConfig == nil {
			tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		}
		tr.TLSClientConfig.RootCAs = pool
	}), nil
}

// newHTTPClient bounds every wait: dialing, TLS, the response headers, and each read of a
// body (WithReadTimeout resets on every byte, so a slow but moving download survives while a
// stalled one fails). No overall WithTimeout: it would cut off a long ranged read that is
// still making progress.
func newHTTPClient(timeout time.Duration) *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().
		WithDialerOptions(func(d *net.Dialer) {
			d.Timeout = min(timeout, 30*time.Second)
			d.KeepAlive = 30 * time.Second
		}).
		WithTransportOptions(func(tr *http.Transport) {
			tr.ResponseHeaderTimeout = timeout
			tr.TLSHandshakeTimeout = min(timeout, 15*time.Second)
			tr.IdleConnTimeout = 90 * time.Second
			tr.MaxIdleConns = 4 * maxIdleConnsPerHost
			tr.MaxIdleConnsPerHost = maxIdleConnsPerHost
		}).
		WithReadTimeout(timeout)
}

// Endpoint is the custom endpoint in use (from Config or AWS_ENDPOINT_URL[_S3]); "" for AWS.
func (c *Client) Endpoint() string { return c.endpoint }

// Region is the client's default region; buckets elsewhere get their own regional client.
func (c *Client) Region() string { return c.region }

// clientFor returns the client for the bucket's region as far as it is known.
func (c *Client) clientFor(bucket string) *s3.Client {
	c.mu.Lock()
	region, ok := c.regions[bucket]
	c.mu.Unlock()
	if !ok {
		return c.base
	}
	return c.regionClient(region)
}

// regionClient returns the client signing for region, made once per region.
func (c *Client) regionClient(region string) *s3.Client {
	if region == c.region {
		return c.base
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cl, ok := c.regional[region]
	if !ok {
		cl = s3.New(c.base.Options(), func(o *s3.Options) { o.Region = region })
		c.regional[region] = cl
	}
	return cl
}

func (c *Client) rememberRegion(bucket, region string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.regions[bucket] = region
}

func (c *Client) knownRegion(bucket string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.regions[bucket]
	return r, ok
}

// call runs op with the bucket's client. When the answer says the bucket lives in another
// region, it learns that region (from the answer, else from BucketRegion), remembers it and
// runs op once more there, so a wrong region never reaches the user when it can be fixed.
// With bucket "" (ListBuckets) only a region named in the answer is tried.
func (c *Client) call(ctx context.Context, bucket string, op func(*s3.Client) error) error {
	cl := c.clientFor(bucket)
	err := op(cl)
	if err == nil || errors.Is(err, context.Canceled) {
		return err
	}
	used := cl.Options().Region
	region := regionFromError(err)
	// A HEAD signed for the wrong region gets a bodiless 400 from some servers: ask.
	if region == "" && bucket != "" &&
		(apperr.Classify(err).Code == apperr.S3WrongRegion || httpStatus(err) == http.StatusBadRequest) {
		region = c.detectRegion(ctx, bucket)
	}
	if region == "" || region == used {
		return err
	}
	slog.Info("s3 answer names another region", "bucket", bucket, "region", region, "was", used)
	if bucket == "" {
		return op(c.regionClient(region))
	}
	c.rememberRegion(bucket, region)
	return op(c.clientFor(bucket))
}
