#version 450 core
// Lines take linear colour and write sRGB-encoded, like pbr.frag's unlit
// path: the targets are plain RGBA8, so the encoding is done here.
in vec4 v_color;

out vec4 o_color;

vec3 linear_to_srgb(vec3 c)
{
    vec3 lo = c * 12.92;
    vec3 hi = 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055;
    return mix(lo, hi, step(vec3(0.0031308), c));
}

void main()
{
    o_color = vec4(linear_to_srgb(clamp(v_color.rgb, 0.0, 1.0)), v_color.a);
}
