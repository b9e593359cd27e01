export namespace main {
	
	export class AppState {
	    lang: string;
	    hasConnections: boolean;
	    hasSources: boolean;
	    demo: boolean;
	    version: string;
	    os: string;
	
	    static createFrom(source: any = {}) {
	        return new AppState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.lang = source["lang"];
	        this.hasConnections = source["hasConnections"];
	        this.hasSources = source["hasSources"];
	        this.demo = source["demo"];
	        this.version = source["version"];
	        this.os = source["os"];
	    }
	}
	export class BucketView {
	    name: string;
	    createdMs: number;
	
	    static createFrom(source: any = {}) {
	        return new BucketView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.createdMs = source["createdMs"];
	    }
	}
	export class ConnectionInput {
	    name: string;
	    accessKeyId: string;
	    secretAccessKey: string;
	    sessionToken: string;
	    region: string;
	    endpoint: string;
	    pathStyle: boolean;
	    bucket: string;
	
	    static createFrom(source: any = {}) {
	        return new ConnectionInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.accessKeyId = source["accessKeyId"];
	        this.secretAccessKey = source["secretAccessKey"];
	        this.sessionToken = source["sessionToken"];
	        this.region = source["region"];
	        this.endpoint = source["endpoint"];
	        this.pathStyle = source["pathStyle"];
	        this.bucket = source["bucket"];
	    }
	}
	export class ConnectionView {
	    id: number;
	    name: string;
	    endpoint: string;
	    region: string;
	    accessKeyId: string;
	    accountId: string;
	    arn: string;
	    pathStyle: boolean;
	    isRoot: boolean;
	    lastValidatedMs: number;
	    createdMs: number;
	    keyAgeDays: number;
	
	    static createFrom(source: any = {}) {
	        return new ConnectionView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.endpoint = source["endpoint"];
	        this.region = source["region"];
	        this.accessKeyId = source["accessKeyId"];
	        this.accountId = source["accountId"];
	        this.arn = source["arn"];
	        this.pathStyle = source["pathStyle"];
	        this.isRoot = source["isRoot"];
	        this.lastValidatedMs = source["lastValidatedMs"];
	        this.createdMs = source["createdMs"];
	        this.keyAgeDays = source["keyAgeDays"];
	    }
	}
	export class DownloadRequest {
	    connectionId: number;
	    bucket: string;
	    keys: string[];
	    destDir: string;
	
	    static createFrom(source: any = {}) {
	        return new DownloadRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connectionId = source["connectionId"];
	        this.bucket = source["bucket"];
	        this.keys = source["keys"];
	        this.destDir = source["destDir"];
	    }
	}
	export class FileView {
	    key: string;
	    name: string;
	    etag: string;
	    storageClass: string;
	    size: number;
	    modifiedMs: number;
	    isVideo: boolean;
	    archived: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FileView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.name = source["name"];
	        this.etag = source["etag"];
	        this.storageClass = source["storageClass"];
	        this.size = source["size"];
	        this.modifiedMs = source["modifiedMs"];
	        this.isVideo = source["isVideo"];
	        this.archived = source["archived"];
	    }
	}
	export class FolderView {
	    prefix: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new FolderView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.prefix = source["prefix"];
	        this.name = source["name"];
	    }
	}
	export class HistoryRow {
	    id: number;
	    sourceId: number;
	    key: string;
	    localPath: string;
	    etag: string;
	    size: number;
	    modifiedMs: number;
	    downloadedMs: number;
	
	    static createFrom(source: any = {}) {
	        return new HistoryRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.sourceId = source["sourceId"];
	        this.key = source["key"];
	        this.localPath = source["localPath"];
	        this.etag = source["etag"];
	        this.size = source["size"];
	        this.modifiedMs = source["modifiedMs"];
	        this.downloadedMs = source["downloadedMs"];
	    }
	}
	export class HistoryPage {
	    rows: HistoryRow[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new HistoryPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], HistoryRow);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HistoryQuery {
	    sourceId: number;
	    search: string;
	    fromMs: number;
	    toMs: number;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new HistoryQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sourceId = source["sourceId"];
	        this.search = source["search"];
	        this.fromMs = source["fromMs"];
	        this.toMs = source["toMs"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	
	export class LevelView {
	    folders: FolderView[];
	    files: FileView[];
	    nextToken: string;
	
	    static createFrom(source: any = {}) {
	        return new LevelView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.folders = this.convertValues(source["folders"], FolderView);
	        this.files = this.convertValues(source["files"], FileView);
	        this.nextToken = source["nextToken"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PreviewView {
	    videoCount: number;
	    totalBytes: number;
	    newest: FileView[];
	    pagesRead: number;
	    truncated: boolean;
	    estimatedListRequests: number;
	
	    static createFrom(source: any = {}) {
	        return new PreviewView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.videoCount = source["videoCount"];
	        this.totalBytes = source["totalBytes"];
	        this.newest = this.convertValues(source["newest"], FileView);
	        this.pagesRead = source["pagesRead"];
	        this.truncated = source["truncated"];
	        this.estimatedListRequests = source["estimatedListRequests"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ProfileView {
	    name: string;
	    region: string;
	    endpoint: string;
	    accessKeyId: string;
	    hasKeys: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ProfileView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.region = source["region"];
	        this.endpoint = source["endpoint"];
	        this.accessKeyId = source["accessKeyId"];
	        this.hasKeys = source["hasKeys"];
	    }
	}
	export class RunView {
	    id: number;
	    sourceId: number;
	    trigger: string;
	    startedMs: number;
	    finishedMs: number;
	    listed: number;
	    matched: number;
	    downloaded: number;
	    skipped: number;
	    failed: number;
	    archived: number;
	    bytes: number;
	    listRequests: number;
	    getRequests: number;
	    headRequests: number;
	    estimatedCostUsd: number;
	    costEstimated: boolean;
	    errorSummary: string;
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new RunView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.sourceId = source["sourceId"];
	        this.trigger = source["trigger"];
	        this.startedMs = source["startedMs"];
	        this.finishedMs = source["finishedMs"];
	        this.listed = source["listed"];
	        this.matched = source["matched"];
	        this.downloaded = source["downloaded"];
	        this.skipped = source["skipped"];
	        this.failed = source["failed"];
	        this.archived = source["archived"];
	        this.bytes = source["bytes"];
	        this.listRequests = source["listRequests"];
	        this.getRequests = source["getRequests"];
	        this.headRequests = source["headRequests"];
	        this.estimatedCostUsd = source["estimatedCostUsd"];
	        this.costEstimated = source["costEstimated"];
	        this.errorSummary = source["errorSummary"];
	        this.status = source["status"];
	    }
	}
	export class Settings {
	    lang: string;
	    concurrency: number;
	    bandwidthLimitKBps: number;
	    startAtLogin: boolean;
	    notifications: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.lang = source["lang"];
	        this.concurrency = source["concurrency"];
	        this.bandwidthLimitKBps = source["bandwidthLimitKBps"];
	        this.startAtLogin = source["startAtLogin"];
	        this.notifications = source["notifications"];
	    }
	}
	export class SourceInput {
	    id: number;
	    connectionId: number;
	    bucket: string;
	    prefix: string;
	    localDir: string;
	    extensions: string[];
	    sinceDays: number;
	    intervalMinutes: number;
	    enabled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SourceInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.connectionId = source["connectionId"];
	        this.bucket = source["bucket"];
	        this.prefix = source["prefix"];
	        this.localDir = source["localDir"];
	        this.extensions = source["extensions"];
	        this.sinceDays = source["sinceDays"];
	        this.intervalMinutes = source["intervalMinutes"];
	        this.enabled = source["enabled"];
	    }
	}
	export class SourceView {
	    id: number;
	    connectionId: number;
	    bucket: string;
	    prefix: string;
	    localDir: string;
	    extensions: string[];
	    sinceDays: number;
	    intervalMinutes: number;
	    enabled: boolean;
	    paused: boolean;
	    connectionName: string;
	    lastRun?: RunView;
	    nextRunMs: number;
	    running: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SourceView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.connectionId = source["connectionId"];
	        this.bucket = source["bucket"];
	        this.prefix = source["prefix"];
	        this.localDir = source["localDir"];
	        this.extensions = source["extensions"];
	        this.sinceDays = source["sinceDays"];
	        this.intervalMinutes = source["intervalMinutes"];
	        this.enabled = source["enabled"];
	        this.paused = source["paused"];
	        this.connectionName = source["connectionName"];
	        this.lastRun = this.convertValues(source["lastRun"], RunView);
	        this.nextRunMs = source["nextRunMs"];
	        this.running = source["running"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TestResult {
	    account: string;
	    arn: string;
	    isRoot: boolean;
	    bucketCount: number;
	    canListBuckets: boolean;
	    bucketOk: boolean;
	    missingPermission: string;
	
	    static createFrom(source: any = {}) {
	        return new TestResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.account = source["account"];
	        this.arn = source["arn"];
	        this.isRoot = source["isRoot"];
	        this.bucketCount = source["bucketCount"];
	        this.canListBuckets = source["canListBuckets"];
	        this.bucketOk = source["bucketOk"];
	        this.missingPermission = source["missingPermission"];
	    }
	}

}

