#version 450 core
// PBR mesh pass: glTF 2.0 metallic-roughness (Cook-Torrance GGX, Smith
// height-correlated visibility, Schlick Fresnel; Lambert diffuse) under one
// directional light with a PCF-filtered shadow map, plus hemispheric ambient
// with an analytic split-sum approximation for its specular part. Computed
// in linear space, tone mapped (ACES fit) and written sRGB-encoded because
// targets are plain RGBA8.
//
// Compiled once per set of material features (gfx_pbr_variant.c puts the
// defines after the #version line): a flat-coloured box pays for no texture
// lookups, no run-time branches over features it lacks, and no discard,
// which on a software rasteriser would also move the depth test after
// shading. HAS_BASE_TEX, HAS_MR_TEX, HAS_NORMAL_TEX, HAS_OCCLUSION_TEX,
// HAS_EMISSIVE_TEX: the material's textures; ALPHA_MASK, ALPHA_BLEND: its
// alpha mode; UNLIT; SHADOW: a shadow map is bound; VERTEX_COLOR: the mesh
// has colours. HAS_TEX and HAS_UV1 follow from those.
#if defined(HAS_BASE_TEX) || defined(HAS_MR_TEX) || defined(HAS_NORMAL_TEX) || defined(HAS_OCCLUSION_TEX) || defined(HAS_EMISSIVE_TEX)
#define HAS_TEX 1
#endif

in vec3 v_world_pos;
in vec3 v_normal;
#ifdef HAS_NORMAL_TEX
in vec4 v_tangent;
#endif
#ifdef HAS_TEX
in vec2 v_uv0;
in vec2 v_uv1;
#endif
#ifdef VERTEX_COLOR
in vec4 v_color;
#endif
#ifdef SHADOW
in vec3 v_shadow_coord; // shadow map texture coordinates and depth
#endif

layout(binding = 0) uniform sampler2D u_base_tex;
layout(binding = 1) uniform sampler2D u_mr_tex;
layout(binding = 2) uniform sampler2D u_normal_tex;
layout(binding = 3) uniform sampler2D u_occlusion_tex;
layout(binding = 4) uniform sampler2D u_emissive_tex;
layout(binding = 5) uniform sampler2DShadow u_shadow;

layout(location = 10) uniform vec4 u_base_color;
layout(location = 11) uniform vec2 u_metal_rough;
layout(location = 12) uniform vec3 u_emissive;
layout(location = 13) uniform float u_normal_scale;
layout(location = 14) uniform float u_occlusion_strength;
layout(location = 15) uniform float u_alpha_cutoff;
layout(location = 18) uniform vec3 u_light_dir;  // towards the light, unit length
layout(location = 19) uniform vec3 u_light_color;
layout(location = 20) uniform vec3 u_camera_pos;
layout(location = 21) uniform vec3 u_sky_color;
layout(location = 22) uniform vec3 u_ground_color;
layout(location = 30) uniform mat3 u_uv_xform[5]; // base, mr, normal, occlusion, emissive
layout(location = 40) uniform int u_uv_set[5];

const float PI = 3.14159265358979;

out vec4 o_color;

#ifdef HAS_TEX
vec2 uv_for(int slot)
{
    vec2 uv = u_uv_set[slot] == 1 ? v_uv1 : v_uv0;
    return (u_uv_xform[slot] * vec3(uv, 1.0)).xy;
}
#endif

// sRGB encoding with three square roots in place of pow(c, 1 / 2.4), which
// a software rasteriser evaluates as a log and an exp per channel (Ian
// Taylor's fit: within 0.25 of an 8-bit step over [0, 1]).
vec3 linear_to_srgb(vec3 c)
{
    vec3 s1 = sqrt(c), s2 = sqrt(s1), s3 = sqrt(s2);
    vec3 hi = 0.662002687 * s1 + 0.684122060 * s2 - 0.323583601 * s3 - 0.0225411470 * c;
    return mix(c * 12.92, hi, step(vec3(0.0031308), c));
}

// Narkowicz's fit of the ACES filmic curve: keeps saturated highlights from
// clipping hard and maps linear 0.18 near mid grey.
vec3 tone_map(vec3 x)
{
    return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

#ifdef SHADOW
float shadow_factor(vec3 n, vec3 l)
{
    // The light's projection is orthographic (w = 1), and the vertex shader
    // already mapped clip space to texture space.
    vec3 p = v_shadow_coord;
    if (p.z > 1.0 || any(lessThan(p.xy, vec2(0.0))) || any(greaterThan(p.xy, vec2(1.0)))) return 1.0;
    // Slope-scaled bias in depth units. Four bilinear comparison taps half a
    // texel apart: a 3x3-texel PCF footprint at under half the lookups, which
    // matters on software rasterisers.
    float bias = 0.0015 + 0.003 * (1.0 - clamp(dot(n, l), 0.0, 1.0));
    vec2 texel = 1.0 / vec2(textureSize(u_shadow, 0));
    float sum = texture(u_shadow, vec3(p.xy + vec2(-0.5, -0.5) * texel, p.z - bias));
    sum += texture(u_shadow, vec3(p.xy + vec2(0.5, -0.5) * texel, p.z - bias));
    sum += texture(u_shadow, vec3(p.xy + vec2(-0.5, 0.5) * texel, p.z - bias));
    sum += texture(u_shadow, vec3(p.xy + vec2(0.5, 0.5) * texel, p.z - bias));
    return sum * 0.25;
}
#endif

void main()
{
    vec4 base = u_base_color;
#ifdef VERTEX_COLOR
    base *= v_color;
#endif
#ifdef HAS_BASE_TEX
    base *= texture(u_base_tex, uv_for(0));
#endif
#ifdef ALPHA_MASK
    if (base.a < u_alpha_cutoff) discard;
#endif
#ifdef ALPHA_BLEND
    float alpha = base.a;
#else
    float alpha = 1.0;
#endif

#ifdef UNLIT
    o_color = vec4(linear_to_srgb(clamp(base.rgb, 0.0, 1.0)), alpha);
#else
    float metallic = u_metal_rough.x, roughness = u_metal_rough.y;
#ifdef HAS_MR_TEX
    vec4 mr = texture(u_mr_tex, uv_for(1));
    roughness *= mr.g;
    metallic *= mr.b;
#endif
    roughness = clamp(roughness, 0.04, 1.0);
    metallic = clamp(metallic, 0.0, 1.0);

    vec3 ng = normalize(v_normal);
    if (!gl_FrontFacing) ng = -ng;
    vec3 n = ng;
#ifdef HAS_NORMAL_TEX
    vec3 t = v_tangent.xyz;
    float tw = v_tangent.w;
    if (!gl_FrontFacing) t = -t;
    if (dot(t, t) > 1e-12) {
        t = normalize(t - ng * dot(ng, t));
        vec3 b = cross(ng, t) * (tw < 0.0 ? -1.0 : 1.0);
        vec3 tn = texture(u_normal_tex, uv_for(2)).xyz * 2.0 - 1.0;
        tn.xy *= u_normal_scale;
        n = normalize(mat3(t, b, ng) * tn);
    }
#endif

    vec3 v = normalize(u_camera_pos - v_world_pos);
    vec3 l = u_light_dir; // normalised by gfx_pbr.c
    vec3 h = normalize(l + v);
    float ndl = clamp(dot(n, l), 0.0, 1.0);
    float ndv = clamp(abs(dot(n, v)), 1e-4, 1.0);
    float ndh = clamp(dot(n, h), 0.0, 1.0);
    float vdh = clamp(dot(v, h), 0.0, 1.0);

    vec3 f0 = mix(vec3(0.04), base.rgb, metallic);
    vec3 diffuse_color = base.rgb * (1.0 - metallic);
    float a = roughness * roughness;
    float a2 = a * a;
    float dd = ndh * ndh * (a2 - 1.0) + 1.0;
    float d = a2 / (PI * dd * dd);
    float vis = 0.5 / (ndl * sqrt(ndv * ndv * (1.0 - a2) + a2) + ndv * sqrt(ndl * ndl * (1.0 - a2) + a2) + 1e-5);
    float fc = 1.0 - vdh, fc2 = fc * fc;
    vec3 f = f0 + (1.0 - f0) * (fc2 * fc2 * fc); // Schlick: (1 - v.h)^5, no pow
    vec3 specular = f * d * vis;
    vec3 diffuse = (1.0 - f) * diffuse_color / PI;
    // u_light_color is the irradiance scale of the simple lit path; the BRDF
    // divides by pi, so the light carries pi to keep the two comparable.
    vec3 direct = (diffuse + specular) * u_light_color * PI * ndl;
#ifdef SHADOW
    direct *= shadow_factor(ng, l);
#endif

    // Ambient: hemisphere irradiance for diffuse; for specular the sky seen
    // along the reflection, weighted by Karis' analytic environment BRDF.
    vec3 irradiance = mix(u_ground_color, u_sky_color, 0.5 + 0.5 * n.y);
    vec3 r = reflect(-v, n);
    vec3 env = mix(u_ground_color, u_sky_color, 0.5 + 0.5 * mix(r.y, n.y, roughness));
    vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022), c1 = vec4(1.0, 0.0425, 1.04, -0.04);
    vec4 rr = roughness * c0 + c1;
    float a004 = min(rr.x * rr.x, exp2(-9.28 * ndv)) * rr.x + rr.y;
    vec2 ab = vec2(-1.04, 1.04) * a004 + rr.zw;
    vec3 ambient = irradiance * diffuse_color + env * (f0 * ab.x + ab.y);
#ifdef HAS_OCCLUSION_TEX
    float ao = texture(u_occlusion_tex, uv_for(3)).r;
    ambient *= 1.0 + u_occlusion_strength * (ao - 1.0);
#endif

    vec3 emissive = u_emissive;
#ifdef HAS_EMISSIVE_TEX
    emissive *= texture(u_emissive_tex, uv_for(4)).rgb;
#endif

    vec3 color = direct + ambient + emissive;
    o_color = vec4(linear_to_srgb(tone_map(color)), alpha);
#endif
}
