#version 450 core
// Lit mesh pass: one directional light (Lambert + Blinn-Phong) over a
// hemispheric ambient, computed in linear space and written sRGB-encoded,
// because targets are plain RGBA8 (goldens compare those bytes).
in vec3 v_world_pos;
in vec3 v_normal;
in vec2 v_uv;

layout(location = 3) uniform vec4 u_base_color;   // linear RGBA
layout(location = 4) uniform vec3 u_light_dir;    // towards the light, normalised
layout(location = 5) uniform vec3 u_light_color;  // linear, includes intensity
layout(location = 6) uniform vec3 u_camera_pos;
layout(location = 7) uniform vec3 u_sky_color;    // ambient from above
layout(location = 8) uniform vec3 u_ground_color; // ambient from below

out vec4 o_color;

vec3 linear_to_srgb(vec3 c)
{
    vec3 lo = c * 12.92;
    vec3 hi = 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055;
    return mix(lo, hi, step(vec3(0.0031308), c));
}

void main()
{
    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) n = -n;
    vec3 l = normalize(u_light_dir);
    vec3 v = normalize(u_camera_pos - v_world_pos);
    vec3 h = normalize(l + v);

    float ndl = max(dot(n, l), 0.0);
    float spec = pow(max(dot(n, h), 0.0), 48.0) * 0.25 * step(0.0, ndl);
    vec3 ambient = mix(u_ground_color, u_sky_color, 0.5 + 0.5 * n.y);

    vec3 albedo = u_base_color.rgb;
    vec3 color = albedo * (ambient + u_light_color * ndl) + u_light_color * spec;
    // Simple Reinhard-style shoulder so bright highlights do not clip hard.
    color = color / (1.0 + max(max(color.r, color.g), color.b) * 0.15);
    o_color = vec4(linear_to_srgb(clamp(color, 0.0, 1.0)), u_base_color.a);
}
